// The explorer's own settings, sigma style: DEFAULT_SETTINGS, resolveSettings to merge overrides, validateSettings to check them.
import { SettingsError } from './errors';

export interface ExplorerSettings {
  /** Prefix of every API route. */
  apiBase: string;
  /** Requests without an answer after this long are abandoned and reported. */
  requestTimeoutMs: number;
  /** Most nodes asked of GET /api/graph on start. */
  graphLimit: number;
  /** Pause after the last keystroke before the search request goes out. */
  searchDebounceMs: number;
  searchLimit: number;
  /** Depth and size of a neighbourhood expansion (double-click or the panel's button). */
  expandDepth: number;
  expandLimit: number;
  pathMaxHops: number;
  /**
   * Seed of the layout's start positions: the same data and seed give the same picture in every browser; another
   * seed gives another (equally valid) one.
   */
  layoutSeed: number;
  /** ForceAtlas2 iterations of a first layout; 0 picks them by graph size (layoutIterations in core/graph/layout.ts). */
  layoutIterations: number;
  /** From this many nodes on, ForceAtlas2 uses Barnes–Hut and sigma hides edges while the camera moves. */
  largeGraphNodes: number;
  /** Labels of nodes drawn smaller than this many pixels are skipped. */
  labelRenderedSizeThreshold: number;
  labelDensity: number;
  /** localStorage key under which the last computed layout is kept, with its fingerprint; empty turns keeping it off. */
  positionsStorageKey: string;
  /** Zoom ratio the camera goes to when it focuses a node. */
  focusRatio: number;
  /** Milliseconds per day step when the timeline replays. */
  replayStepMs: number;
  /**
   * Above this many records the explorer never asks for the whole graph: it starts from the overview and search, and
   * grows by expanding neighbourhoods a page at a time (`growPage`, up to `expandLimit` per node).
   */
  startSmallAbove: number;
  /** Neighbours one "show more" adds on a graph that starts small. */
  growPage: number;
  /** Incidents on one page of the start page's overview. */
  overviewIncidents: number;
}

export const DEFAULT_SETTINGS: Readonly<ExplorerSettings> = Object.freeze({
  apiBase: '/api',
  requestTimeoutMs: 8000,
  graphLimit: 20_000,
  searchDebounceMs: 180,
  searchLimit: 12,
  expandDepth: 1,
  expandLimit: 200,
  pathMaxHops: 6,
  layoutSeed: 1,
  layoutIterations: 0,
  largeGraphNodes: 2000,
  labelRenderedSizeThreshold: 7,
  labelDensity: 0.25,
  positionsStorageKey: 'claim-graph:positions',
  focusRatio: 0.35,
  replayStepMs: 120,
  startSmallAbove: 2000,
  growPage: 50,
  overviewIncidents: 20,
});

type NumberKey = { [K in keyof ExplorerSettings]: ExplorerSettings[K] extends number ? K : never }[keyof ExplorerSettings];

/** Inclusive bounds for every numeric setting; integers where `int`. */
const NUMBER_RULES: Record<NumberKey, { min: number; max: number; int: boolean }> = {
  requestTimeoutMs: { min: 100, max: 120_000, int: true },
  graphLimit: { min: 1, max: 20_000, int: true },
  searchDebounceMs: { min: 0, max: 5000, int: true },
  searchLimit: { min: 1, max: 50, int: true },
  expandDepth: { min: 1, max: 3, int: true },
  expandLimit: { min: 1, max: 500, int: true },
  pathMaxHops: { min: 1, max: 6, int: true },
  layoutSeed: { min: 0, max: 0xffff_ffff, int: true },
  layoutIterations: { min: 0, max: 5000, int: true },
  largeGraphNodes: { min: 1, max: 1_000_000, int: true },
  labelRenderedSizeThreshold: { min: 0, max: 100, int: false },
  labelDensity: { min: 0, max: 10, int: false },
  focusRatio: { min: 0.01, max: 10, int: false },
  replayStepMs: { min: 10, max: 10_000, int: true },
  startSmallAbove: { min: 0, max: 1_000_000_000, int: true },
  growPage: { min: 1, max: 500, int: true },
  overviewIncidents: { min: 1, max: 100, int: true },
};

/** Throws a SettingsError naming the first setting that is out of its range or of the wrong type. */
export function validateSettings(settings: ExplorerSettings): void {
  if (typeof settings.apiBase !== 'string' || !/^(\/|https?:\/\/)/.test(settings.apiBase)) {
    throw new SettingsError('apiBase', 'a path starting with "/" or an http(s) URL', settings.apiBase);
  }
  if (typeof settings.positionsStorageKey !== 'string') {
    throw new SettingsError('positionsStorageKey', 'a string (empty to keep no positions)', settings.positionsStorageKey);
  }
  for (const [key, rule] of Object.entries(NUMBER_RULES) as Array<[NumberKey, (typeof NUMBER_RULES)[NumberKey]]>) {
    const value: unknown = settings[key];
    const expected = `${rule.int ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}`;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < rule.min ||
      value > rule.max ||
      (rule.int && !Number.isInteger(value))
    ) {
      throw new SettingsError(key, expected, value);
    }
  }
  // A page larger than the per-node cap could never be asked for in full.
  if (settings.growPage > settings.expandLimit) {
    throw new SettingsError('growPage', `an integer no larger than expandLimit (${settings.expandLimit})`, settings.growPage);
  }
}

/** Defaults overridden by `overrides`; unknown keys are refused so a typo does not silently do nothing. */
export function resolveSettings(overrides: Partial<ExplorerSettings> = {}): ExplorerSettings {
  for (const key of Object.keys(overrides)) {
    if (!(key in DEFAULT_SETTINGS)) throw new SettingsError(key, `one of ${Object.keys(DEFAULT_SETTINGS).join(', ')}`, key);
  }
  const settings: ExplorerSettings = { ...DEFAULT_SETTINGS, ...overrides };
  validateSettings(settings);
  return settings;
}
