// The view state and its form in the URL's query string: encode and decode, so that reloading or sharing a link restores the same view.
import { isoToDay } from '../../../../server/model/dates';
import type { NodeType } from '../../../../server/model/wire';
import {
  ACTOR_KINDS,
  CHAIN_DIRECTIONS,
  RECORD_ID_PATTERN,
  RECORD_TYPES,
  type ActorKind,
  type ChainDirection,
} from '../../../../server/model/vocabulary';
import { defaultFilters, type FilterState } from '../filters';
import { STANCE_KEYS, type StanceKey } from '../graph/style';
import { decodeCamera, encodeCamera, isHomeCamera, type CameraState } from './camera';
import {
  ATTRIBUTION_TABS,
  decodeNetworkOptions,
  defaultNetworkOptions,
  encodeNetworkOptions,
  isAttributionTab,
  networkQuery,
  type AttributionTab,
  type NetworkOptions,
} from '../analysis';

/** `start` is the start page's overview: what a URL without any view parameter opens. */
export const MODES = ['explore', 'attribution', 'paths', 'chain', 'network', 'start'] as const;
export type Mode = (typeof MODES)[number];

export interface ViewState {
  mode: Mode;
  /** Explore: the node whose panel is open. Attribution: the incident. Chain: the claim the chain starts from. */
  focus: string | null;
  /** Paths: the two ends. */
  from: string | null;
  to: string | null;
  direction: ChainDirection;
  /** The source whose article the reader shows, over the graph; the focused claim, when it has spans there, is marked. */
  read: string | null;
  filters: FilterState;
  /** Where the camera looks; null is sigma's home (the whole graph), and lets a mode frame what it shows. */
  camera: CameraState | null;
  /** Attribution: the tab on show (the sides, the who-blames-whom matrix, competing hypotheses). */
  tab: AttributionTab;
  /** Network (focus: the incident, or null for all): what the ties count and how they are normalised. */
  network: NetworkOptions;
}

/** The bare URL's state: the start page, nothing selected, nothing filtered. */
export function defaultViewState(): ViewState {
  return {
    mode: 'start',
    focus: null,
    from: null,
    to: null,
    direction: 'upstream',
    read: null,
    filters: defaultFilters(),
    camera: null,
    tab: 'sides',
    network: defaultNetworkOptions(),
  };
}

/** Lists are written in a fixed order so that equal states give equal URLs. */
function encodeList<T extends string>(values: readonly T[], all: readonly T[]): string | null {
  if (values.length === all.length && all.every((value) => values.includes(value))) return null;
  return all.filter((value) => values.includes(value)).join(',');
}

/** The start page: the overview of every incident, which the bare URL opens (the default state). */
export const startViewState = defaultViewState;

/** The whole graph in explore mode, nothing selected: what "Explore all" opens, `?mode=explore`. */
export function wholeGraphViewState(): ViewState {
  return { ...defaultViewState(), mode: 'explore' };
}

/**
 * The query string for a state (without "?"); parameters at their default are left out. Explore leaves out its mode
 * whenever another parameter says what it shows, so links written before the start page existed keep their form;
 * the whole graph with nothing else set is `mode=explore`, because the bare URL is the start page's. The start page
 * selects nothing, so it writes no mode: a state that kept a setting on it (a filter) is explore's once written.
 */
export function encodeViewState(state: ViewState): string {
  const view = encodeViewParameters(state);
  const bare = view.toString() === '';
  const writeMode = state.mode === 'explore' ? bare : state.mode !== 'start';
  if (!writeMode) return view.toString();
  const params = new URLSearchParams({ mode: state.mode });
  for (const [name, value] of view) params.set(name, value);
  return params.toString();
}

/** Every parameter of a state but its mode. */
function encodeViewParameters(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.focus !== null) params.set('node', state.focus);
  if (state.from !== null) params.set('from', state.from);
  if (state.to !== null) params.set('to', state.to);
  if (state.direction !== 'upstream') params.set('dir', state.direction);
  if (state.read !== null) params.set('read', state.read);
  const lists: Array<[string, string | null]> = [
    ['types', encodeList(state.filters.types, RECORD_TYPES)],
    ['kinds', encodeList(state.filters.kinds, ACTOR_KINDS)],
    ['stances', encodeList(state.filters.stances, STANCE_KEYS)],
  ];
  for (const [name, value] of lists) if (value !== null) params.set(name, value);
  if (state.filters.source !== null) params.set('source', state.filters.source);
  if (state.filters.until !== null) params.set('until', state.filters.until);
  if (state.camera !== null && !isHomeCamera(state.camera)) params.set('cam', encodeCamera(state.camera));
  if (state.tab !== 'sides') params.set('tab', state.tab);
  const network = encodeNetworkOptions(state.network);
  if (network !== null) params.set('net', network);
  return params;
}

export interface DecodedViewState {
  state: ViewState;
  /** One line per parameter that was ignored, naming it and what was expected. */
  problems: string[];
}

/** Reads a query string (with or without "?"). Bad parameters fall back to their default and are reported, never thrown. */
export function decodeViewState(search: string): DecodedViewState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state = wholeGraphViewState();
  const problems: string[] = [];

  const id = (name: string): string | null => {
    const value = params.get(name);
    if (value === null || value === '') return null;
    if (RECORD_ID_PATTERN.test(value)) return value;
    problems.push(`${name}: expected a record id (lowercase slug); got ${JSON.stringify(value)}`);
    return null;
  };
  const list = <T extends string>(name: string, all: readonly T[]): T[] | null => {
    const value = params.get(name);
    if (value === null) return null;
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const bad = parts.filter((part) => !(all as readonly string[]).includes(part));
    if (bad.length > 0) {
      problems.push(`${name}: expected a comma-separated list of ${all.join(', ')}; got ${JSON.stringify(bad.join(','))}`);
      return null;
    }
    return all.filter((entry) => parts.includes(entry));
  };

  const mode = params.get('mode');
  if (mode !== null) {
    if ((MODES as readonly string[]).includes(mode)) state.mode = mode as Mode;
    else problems.push(`mode: expected one of ${MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  state.focus = id('node');
  state.from = id('from');
  state.to = id('to');
  state.read = id('read');
  const direction = params.get('dir');
  if (direction !== null) {
    if ((CHAIN_DIRECTIONS as readonly string[]).includes(direction)) state.direction = direction as ChainDirection;
    else problems.push(`dir: expected ${CHAIN_DIRECTIONS.join(' or ')}; got ${JSON.stringify(direction)}`);
  }
  state.filters.types = list<NodeType>('types', RECORD_TYPES) ?? state.filters.types;
  state.filters.kinds = list<ActorKind>('kinds', ACTOR_KINDS) ?? state.filters.kinds;
  state.filters.stances = list<StanceKey>('stances', STANCE_KEYS) ?? state.filters.stances;
  state.filters.source = id('source');
  const until = params.get('until');
  if (until !== null && until !== '') {
    if (isoToDay(until) !== null) state.filters.until = until;
    else problems.push(`until: expected a day as YYYY-MM-DD; got ${JSON.stringify(until)}`);
  }
  const camera = params.get('cam');
  if (camera !== null && camera !== '') {
    const decoded = decodeCamera(camera);
    if ('camera' in decoded) state.camera = isHomeCamera(decoded.camera) ? null : decoded.camera;
    else problems.push(`cam: ${decoded.error}`);
  }
  const tab = params.get('tab');
  if (tab !== null && tab !== '') {
    if (isAttributionTab(tab)) state.tab = tab;
    else problems.push(`tab: expected one of ${ATTRIBUTION_TABS.join(', ')}; got ${JSON.stringify(tab)}`);
  }
  const network = params.get('net');
  if (network !== null && network !== '') {
    const decoded = decodeNetworkOptions(network);
    if ('options' in decoded) state.network = decoded.options;
    else problems.push(`net: ${decoded.error}`);
  }
  // Without a mode, a link that sets anything at all is explore's (as before the start page); one that sets nothing
  // (a bare URL, or only parameters at their default or ignored) opens the start page.
  if (mode === null && encodeViewParameters(state).toString() === '') state.mode = 'start';
  if (mode === 'start') state.mode = encodeViewParameters(state).toString() === '' ? 'start' : 'explore';
  return { state, problems };
}

/** Whether two states are the same view (what their URLs say). */
export function sameViewState(a: ViewState, b: ViewState): boolean {
  return encodeViewState(a) === encodeViewState(b);
}

/**
 * The query of `GET /api/export` for the same view the page shows, so formats only the server
 * writes (STIX 2.1, Cypher) export what is on screen: the attribution, paths, chain or neighbourhood.
 */
export function serverExportQuery(state: ViewState, format: string): string {
  const params = new URLSearchParams({ format });
  const view: Record<string, string> =
    state.mode === 'attribution' && state.focus !== null
      ? { view: 'attribution', id: state.focus }
      : state.mode === 'paths' && state.from !== null && state.to !== null
        ? { view: 'paths', from: state.from, to: state.to }
        : state.mode === 'chain' && state.focus !== null
          ? { view: 'chain', id: state.focus, direction: state.direction }
          : state.mode === 'network'
            ? networkExportView(state)
            : state.focus !== null
              ? { view: 'neighborhood', id: state.focus, depth: '2' }
              : { view: 'graph' };
  for (const [key, value] of Object.entries(view)) params.set(key, value);
  // The filters on screen, under the names GET /api/export takes (`types` there is a neighbourhood's traversal).
  const lists: Array<[string, string | null]> = [
    ['nodeTypes', encodeList(state.filters.types, RECORD_TYPES)],
    ['kinds', encodeList(state.filters.kinds, ACTOR_KINDS)],
    ['stances', encodeList(state.filters.stances, STANCE_KEYS)],
  ];
  for (const [name, value] of lists) if (value !== null) params.set(name, value);
  if (state.filters.source !== null) params.set('source', state.filters.source);
  if (state.filters.until !== null) params.set('until', state.filters.until);
  return params.toString();
}

/** The network view's export: its own options, and the timeline's day as its as-of date. */
function networkExportView(state: ViewState): Record<string, string> {
  const query = networkQuery(state.focus, state.filters.until, state.network);
  const view: Record<string, string> = { view: 'network' };
  for (const [key, value] of Object.entries(query)) if (value !== undefined) view[key] = value;
  return view;
}

/**
 * The change the mode buttons ask for. Start drops every selection, explore keeps the focused node (not a path's ends), attribution keeps the focus
 * only when it is an incident, and paths starts from the focused node unless it already has a start.
 */
export function modeChange(state: ViewState, mode: Mode, focusType: NodeType | null): Partial<ViewState> {
  // The start page shows no record: it is where a person picks one.
  if (mode === 'start') return { mode, focus: null, from: null, to: null };
  if (mode === 'explore') return { mode, focus: state.mode === 'paths' ? null : state.focus };
  if (mode === 'attribution' || mode === 'network') return { mode, focus: focusType === 'incident' ? state.focus : null };
  return { mode, focus: null, from: state.from ?? state.focus, to: state.to };
}

/** The part of the state that decides what the panel shows; filters and the camera only change what is drawn. */
export function contentKey(state: ViewState): string {
  // The analyst views are computed as of the timeline's day, so for them the day and their tab or options are content.
  const analysis =
    state.mode === 'attribution' || state.mode === 'network' ? [state.tab, encodeNetworkOptions(state.network), state.filters.until] : [];
  return [state.mode, state.focus, state.from, state.to, state.direction, ...analysis].join('|');
}

export function sameFilters(a: FilterState, b: FilterState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
