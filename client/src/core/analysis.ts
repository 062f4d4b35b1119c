// The analyst views' data: their API calls, and the pure logic they draw from (matrix rows and shading, contested targets,
// ACH ordering and diagnosticity, the claimant network's layout, provenance chains in words). No DOM here.
import type {
  Contradiction,
  ContradictionClaim,
  ContradictionSide,
  Contradictions,
  Matrix,
  MatrixCell,
  MatrixClaimant,
  MatrixTarget,
  Provenance,
  ProvenanceStep,
} from '../../../server/model/analysis';
import type { AsOfSummary, Attribution } from '../../../server/model/api';
import type { Ach, AchAnalystRating, AchEvidence, AchHypothesis, AchRatingBody, ClaimantNetwork } from '../../../server/model/hypotheses';
import {
  CONFIDENCES,
  CONFIDENCE_SCALE,
  NETWORK_MODES,
  NETWORK_NORMALIZATIONS,
  type Confidence,
  type ContradictionKind,
  type NetworkMode,
  type NetworkNormalization,
  type Stance,
} from '../../../server/model/vocabulary';
import { apiUrl, toProblem, type ApiClient } from './api';
import { ApiNetworkError, ApiProblemError, ApiTimeoutError, InvalidResponseError, describeValue } from './errors';
import { PAGE_COLORS, STANCE_COLORS } from './graph/style';

export type { Ach, AchEvidence, AchHypothesis, ClaimantNetwork, Contradiction, Contradictions, Matrix, MatrixCell, Provenance };

// ---------------------------------------------------------------- view options held in the URL

/** The attribution view's tabs: the three sides per target, the who-blames-whom matrix, competing hypotheses. */
export const ATTRIBUTION_TABS = ['sides', 'matrix', 'ach'] as const;
export type AttributionTab = (typeof ATTRIBUTION_TABS)[number];

export function isAttributionTab(value: unknown): value is AttributionTab {
  return typeof value === 'string' && (ATTRIBUTION_TABS as readonly string[]).includes(value);
}

/** What the claimant network counts and how: the options of GET /api/networks/claimants the explorer offers. */
export interface NetworkOptions {
  mode: NetworkMode;
  normalize: NetworkNormalization;
  hedged: boolean;
}

export function defaultNetworkOptions(): NetworkOptions {
  return { mode: 'congruence', normalize: 'none', hedged: false };
}

/** `mode.normalize[.hedged]`, e.g. "conflict.jaccard.hedged"; null for the defaults, so a plain link stays short. */
export function encodeNetworkOptions(options: NetworkOptions): string | null {
  const fallback = defaultNetworkOptions();
  if (options.mode === fallback.mode && options.normalize === fallback.normalize && options.hedged === fallback.hedged) return null;
  return [options.mode, options.normalize, ...(options.hedged ? ['hedged'] : [])].join('.');
}

/** Reads what encodeNetworkOptions wrote; anything else is an error naming what was expected. */
export function decodeNetworkOptions(text: string): { options: NetworkOptions } | { error: string } {
  const [mode, normalize, hedged, ...rest] = text.split('.');
  const expected = `expected mode.normalize[.hedged] with a mode of ${NETWORK_MODES.join(', ')} and a normalisation of ${NETWORK_NORMALIZATIONS.join(', ')}`;
  if (
    !(NETWORK_MODES as readonly string[]).includes(mode ?? '') ||
    !(NETWORK_NORMALIZATIONS as readonly string[]).includes(normalize ?? '') ||
    (hedged !== undefined && hedged !== 'hedged') ||
    rest.length > 0
  )
    return { error: `${expected}; got ${JSON.stringify(text)}` };
  return { options: { mode: mode as NetworkMode, normalize: normalize as NetworkNormalization, hedged: hedged === 'hedged' } };
}

/**
 * What a view as of a date counts, in words: "As of 2014-12 (to the end of 2014-12-31): 5 undated and 4 later claims
 * left out"; the end is named only when the date is coarser than a day.
 */
export function asOfWords(asOf: AsOfSummary | null): string {
  if (asOf === null) return 'Every claim in the data, whatever its date.';
  const end = asOf.lastDay === asOf.asOf ? '' : ` (to the end of ${asOf.lastDay})`;
  const later = `${asOf.laterLeftOut} later claim${asOf.laterLeftOut === 1 ? '' : 's'}`;
  return `As of ${asOf.asOf}${end}: ${asOf.undatedLeftOut} undated and ${later} left out.`;
}

// ---------------------------------------------------------------- API calls

function expectShape<T>(where: string, body: unknown, keys: string[], expected: string): T {
  if (body === null || typeof body !== 'object' || keys.some((key) => !(key in (body as object))))
    throw new InvalidResponseError(where, expected, describeValue(body));
  return body as T;
}

/** How PUT requests reach the API; GETs go through the ApiClient, which has the same base and timeout. */
export interface WriteOptions {
  base: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The analyst routes. Every GET takes an `asOf` (null: every claim) and a signal, so a newer request can cancel an older one. */
export class AnalysisApi {
  private readonly api: ApiClient;
  private readonly write: WriteOptions;

  constructor(api: ApiClient, write: WriteOptions) {
    this.api = api;
    this.write = write;
  }

  async attribution(
    incident: string,
    asOf: string | null,
    page: { limit: number; claimsPerSide: number } | undefined,
    signal?: AbortSignal,
  ): Promise<Attribution> {
    const path = `/incidents/${encodeURIComponent(incident)}/attribution`;
    const body = await this.api.get<unknown>(path, { ...page, asOf: asOf ?? undefined }, signal);
    return expectShape<Attribution>(`GET ${path}`, body, ['incident', 'accused', 'graph'], 'an attribution');
  }

  /** The address of a view's CSV download on the same API. */
  csvUrl(table: TableView): string {
    return tableCsvUrl(this.write.base, table);
  }

  async matrix(incident: string, asOf: string | null, signal?: AbortSignal): Promise<Matrix> {
    const path = `/incidents/${encodeURIComponent(incident)}/matrix`;
    const body = await this.api.get<unknown>(path, { asOf: asOf ?? undefined }, signal);
    return expectShape<Matrix>(`GET ${path}`, body, ['incident', 'claimants', 'targets', 'cells'], 'a matrix');
  }

  async contradictions(incident: string, asOf: string | null, signal?: AbortSignal): Promise<Contradictions> {
    const body = await this.api.get<unknown>('/contradictions', { incident, asOf: asOf ?? undefined }, signal);
    return expectShape<Contradictions>('GET /contradictions', body, ['contradictions', 'total'], 'a list of contradictions');
  }

  async provenance(claim: string, signal?: AbortSignal): Promise<Provenance> {
    const path = `/claims/${encodeURIComponent(claim)}/provenance`;
    const body = await this.api.get<unknown>(path, {}, signal);
    return expectShape<Provenance>(`GET ${path}`, body, ['claim', 'chain', 'origins', 'circular'], 'a provenance');
  }

  async ach(incident: string, asOf: string | null, signal?: AbortSignal): Promise<Ach> {
    const path = `/incidents/${encodeURIComponent(incident)}/ach`;
    const body = await this.api.get<unknown>(path, { asOf: asOf ?? undefined }, signal);
    return expectShape<Ach>(`GET ${path}`, body, ['hypotheses', 'evidence', 'sensitivity'], 'competing hypotheses');
  }

  async network(incident: string | null, asOf: string | null, options: NetworkOptions, signal?: AbortSignal): Promise<ClaimantNetwork> {
    const body = await this.api.get<unknown>('/networks/claimants', networkQuery(incident, asOf, options), signal);
    return expectShape<ClaimantNetwork>('GET /networks/claimants', body, ['attributes', 'nodes', 'edges'], 'a claimant network');
  }

  /** Stores an analyst's rating of one ACH cell with the bearer token; a refusal is an ApiProblemError (401, 400 with `errors`). */
  async putRating(incident: string, body: AchRatingBody, token: string): Promise<AchAnalystRating> {
    const path = `/incidents/${encodeURIComponent(incident)}/ach/ratings`;
    const url = apiUrl(this.write.base, path);
    const where = `PUT ${url}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.write.timeoutMs);
    const doFetch = this.write.fetch ?? fetch;
    try {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'PUT',
          headers: {
            accept: 'application/json, application/problem+json',
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted) throw new ApiTimeoutError(where, this.write.timeoutMs);
        throw new ApiNetworkError(where, error instanceof Error ? error.message : String(error));
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // A body that is not JSON is reported by its status below.
      }
      if (!response.ok) throw new ApiProblemError(where, toProblem(response.status, response.statusText, parsed), null);
      return expectShape<AchAnalystRating>(where, parsed, ['claim', 'hypothesis', 'rating', 'analyst'], 'the stored rating');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The claimant network's query, as GET /api/networks/claimants and GET /api/export?view=network take it. */
export function networkQuery(incident: string | null, asOf: string | null, options: NetworkOptions): Record<string, string | undefined> {
  return {
    incident: incident ?? undefined,
    asOf: asOf ?? undefined,
    mode: options.mode,
    normalize: options.normalize,
    hedged: options.hedged ? 'true' : undefined,
  };
}

/** An analyst view that downloads as CSV (`format=csv` on its route), with the day it is as of. */
export type TableView =
  { view: 'matrix' | 'ach' | 'contradictions'; incident: string; asOf: string | null } | { view: 'provenance'; claim: string };

/** The address of a view's CSV form, for a download link. */
export function tableCsvUrl(base: string, table: TableView): string {
  if (table.view === 'provenance') return apiUrl(base, `/claims/${encodeURIComponent(table.claim)}/provenance`, { format: 'csv' });
  const asOf = table.asOf ?? undefined;
  if (table.view === 'contradictions') return apiUrl(base, '/contradictions', { incident: table.incident, format: 'csv', asOf });
  return apiUrl(base, `/incidents/${encodeURIComponent(table.incident)}/${table.view}`, { format: 'csv', asOf });
}

export const matrixCsvUrl = (base: string, incident: string, asOf: string | null) => tableCsvUrl(base, { view: 'matrix', incident, asOf });

// ---------------------------------------------------------------- the matrix: rows, cells and shading

const SCALE_VALUES = CONFIDENCES.map((confidence) => CONFIDENCE_SCALE[confidence]);
const SCALE_MIN = Math.min(...SCALE_VALUES);
const SCALE_MAX = Math.max(...SCALE_VALUES);
/** The faintest shade: a rumour is still visible against the page. */
const FAINTEST = 0.25;

/**
 * How strongly a claim's colour is laid on its cell: 1 for the firmest confidence on the STIX scale, FAINTEST for the
 * weakest, linear in between (certain 95 → 1, high 85 → 0.9167, moderate 50 → 0.625, low 15 → 0.3333, rumoured 5 → 0.25).
 */
export function confidenceShade(confidence: Confidence): number {
  return FAINTEST + ((1 - FAINTEST) * (CONFIDENCE_SCALE[confidence] - SCALE_MIN)) / (SCALE_MAX - SCALE_MIN);
}

/** `#rrggbb` of `color` laid over `background` at strength `t` (0: the background, 1: the colour), each channel rounded. */
export function mixColor(color: string, background: string, t: number): string {
  const channel = (hex: string, at: number) => parseInt(hex.slice(at, at + 2), 16);
  return `#${[1, 3, 5]
    .map((at) => {
      const value = Math.round(channel(background, at) + (channel(color, at) - channel(background, at)) * t);
      return value.toString(16).padStart(2, '0');
    })
    .join('')}`;
}

/** A claim's chip in a matrix cell: its stance's colour on the page's surface, shaded by its confidence. */
export function claimShade(stance: Stance, confidence: Confidence): string {
  return mixColor(STANCE_COLORS[stance], PAGE_COLORS.surface, confidenceShade(confidence));
}

/** One independent group of claimants: the matrix draws its rows together, as one voice. */
export interface MatrixGroupRows {
  id: string;
  claimants: MatrixClaimant[];
}

export interface MatrixLayout {
  groups: MatrixGroupRows[];
  targets: MatrixTarget[];
  cell(claimant: string, target: string): MatrixCell | null;
}

/** Rows grouped by independent group in the order the answer lists the claimants, columns as listed, and a cell lookup. */
export function matrixLayout(matrix: Matrix): MatrixLayout {
  const groups = new Map<string, MatrixGroupRows>();
  for (const claimant of matrix.claimants) {
    const group = groups.get(claimant.group) ?? { id: claimant.group, claimants: [] };
    group.claimants.push(claimant);
    groups.set(claimant.group, group);
  }
  const cells = new Map(matrix.cells.map((cell) => [`${cell.claimant}|${cell.target}`, cell]));
  return { groups: [...groups.values()], targets: matrix.targets, cell: (claimant, target) => cells.get(`${claimant}|${target}`) ?? null };
}

/** The stances a cell holds, each once, in the order its claims were made (a claimant who asserted and later denied: both). */
export function cellStances(cell: MatrixCell | null): Stance[] {
  const stances: Stance[] = [];
  for (const claim of cell?.claims ?? []) if (!stances.includes(claim.stance)) stances.push(claim.stance);
  return stances;
}

// ---------------------------------------------------------------- contradictions

export interface ContestedIndex {
  /** The contradictions each target takes part in: as the contradiction's target, or as one of its sides' targets. */
  byTarget: Map<string, Contradiction[]>;
  /** Claims on a side of some contradiction. */
  claims: Set<string>;
}

export function contestedIndex(contradictions: readonly Contradiction[]): ContestedIndex {
  const byTarget = new Map<string, Contradiction[]>();
  const claims = new Set<string>();
  for (const contradiction of contradictions) {
    const targets = new Set([contradiction.target.id, ...contradiction.sides.map((side) => side.target.id)]);
    for (const target of targets) byTarget.set(target, [...(byTarget.get(target) ?? []), contradiction]);
    for (const side of contradiction.sides) for (const entry of side.claims) claims.add(entry.claim.id);
  }
  return { byTarget, claims };
}

/** The word the graph puts after a contested node's label. */
export const CONTESTED_BADGE = 'contested';

/** The graph's badges for a contested index: every contested target and every claim on a side of a contradiction. */
export function contestedBadges(index: ContestedIndex): Map<string, string> {
  const badges = new Map<string, string>();
  for (const target of index.byTarget.keys()) badges.set(target, CONTESTED_BADGE);
  for (const claim of index.claims) badges.set(claim, CONTESTED_BADGE);
  return badges;
}

/** The kinds of contradiction on a target, each once, in the order they are listed. */
export function contestedKinds(index: ContestedIndex, target: string): ContradictionKind[] {
  const kinds: ContradictionKind[] = [];
  for (const contradiction of index.byTarget.get(target) ?? []) if (!kinds.includes(contradiction.kind)) kinds.push(contradiction.kind);
  return kinds;
}

export const CONTRADICTION_TITLES: Readonly<Record<ContradictionKind, string>> = {
  stance: 'Asserted and denied',
  dispute: 'Explicitly disputed',
  reversal: 'Changed its stance',
  alternative: 'Competing culprits or explanations',
};

/** The words a side's claims are quoted in: the speaker's own, else the first verbatim span of a source; null without either. */
export function sideQuote(entry: ContradictionClaim): string | null {
  return entry.claim.quote ?? entry.evidence[0]?.text ?? null;
}

const STANCE_VERBS: Readonly<Record<Stance, string>> = { asserts: 'Assert', denies: 'Deny', neither: 'Neither confirm nor deny' };

/** A side's heading: what it says about which target, and which end of a dispute it is. */
export function sideTitle(contradiction: Contradiction, side: ContradictionSide): string {
  const stance = side.stance === null ? 'Take no stance' : STANCE_VERBS[side.stance];
  const target = side.target.id === contradiction.target.id && contradiction.kind !== 'alternative' ? '' : ` ${side.target.name}`;
  const role = side.role === 'disputed' ? ' (disputed)' : side.role === 'disputing' ? ' (disputing)' : '';
  return `${stance}${target}${role}`;
}

// ---------------------------------------------------------------- competing hypotheses

/** Hypotheses left to right: the least inconsistent (score nearest 0) first, then by the answer's rank. */
export function orderHypotheses(hypotheses: readonly AchHypothesis[]): AchHypothesis[] {
  return [...hypotheses].sort((a, b) => b.score - a.score || a.rank - b.rank);
}

export interface Diagnosticity {
  /** How far apart the row puts the hypotheses in the score: its largest cell weight less its smallest. */
  spread: number;
  /** Distinct ratings in the row; 1 for a row that rates every hypothesis the same. */
  distinct: number;
}

export function diagnosticity(row: AchEvidence): Diagnosticity {
  const weights = row.cells.map((cell) => cell.weight);
  const spread = weights.length === 0 ? 0 : Math.max(...weights) - Math.min(...weights);
  return { spread, distinct: new Set(row.cells.map((cell) => cell.rating)).size };
}

export const EVIDENCE_ORDERS = ['date', 'diagnosticity'] as const;
export type EvidenceOrder = (typeof EVIDENCE_ORDERS)[number];

/**
 * Evidence rows as the answer lists them (earliest first), or the most diagnostic first: the widest spread of weights,
 * then the most distinct ratings (a row that tells CC from C but weighs them alike still beats a flat one), then as listed.
 */
export function sortEvidence(rows: readonly AchEvidence[], order: EvidenceOrder): AchEvidence[] {
  if (order === 'date') return [...rows];
  const keyed = rows.map((row, index) => ({ row, index, ...diagnosticity(row) }));
  keyed.sort((a, b) => b.spread - a.spread || b.distinct - a.distinct || a.index - b.index);
  return keyed.map((entry) => entry.row);
}

// ---------------------------------------------------------------- the claimant network's layout

export interface LayoutTie {
  source: string;
  target: string;
  /** Positive pulls the two together, negative pushes them apart. */
  weight: number;
}

/** How a tie acts on the layout: conflict counts opposition, so it repels; the other modes' weights keep their sign. */
export function layoutWeight(mode: NetworkMode, weight: number): number {
  return mode === 'conflict' ? -Math.abs(weight) : weight;
}

export type Point = { x: number; y: number };

/** The start: `nodes` evenly round the unit circle, counter-clockwise from (1, 0), in the order given. */
export function circlePositions(nodes: readonly string[]): Map<string, Point> {
  const positions = new Map<string, Point>();
  nodes.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / nodes.length;
    positions.set(node, { x: Math.cos(angle), y: Math.sin(angle) });
  });
  return positions;
}

/** The distance the layout aims for between two claimants: 1 without a tie, shorter the more they agree, longer the more they oppose. */
export function tieDistance(share: number): number {
  return 1 - 0.6 * Math.max(-1, Math.min(1, share));
}

/**
 * The network's own layout: stress majorisation by stochastic gradient descent (Zheng, Pawar and Goodman 2018), pairs
 * taken in a fixed order from `circlePositions`, so the same network always gives the same picture. Every pair of
 * claimants aims at `tieDistance` of its tie's weight, as a share of the strongest tie (no tie: 1), so allies sit
 * close, opponents far apart, and the drawing never collapses or flies apart whatever the weights.
 */
export function networkLayout(nodes: readonly string[], ties: readonly LayoutTie[], iterations = 60): Map<string, Point> {
  const positions = circlePositions(nodes);
  if (nodes.length < 2 || iterations === 0) return positions;
  const strongest = Math.max(1e-9, ...ties.map((tie) => Math.abs(tie.weight)));
  const weightOf = new Map<string, number>();
  for (const tie of ties) {
    const key = tie.source < tie.target ? `${tie.source}|${tie.target}` : `${tie.target}|${tie.source}`;
    weightOf.set(key, (weightOf.get(key) ?? 0) + tie.weight);
  }
  const pairs: Array<{ a: Point; b: Point; target: number }> = [];
  for (let i = 0; i < nodes.length; i += 1)
    for (let j = i + 1; j < nodes.length; j += 1) {
      const [a, b] = [nodes[i]!, nodes[j]!];
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      pairs.push({ a: positions.get(a)!, b: positions.get(b)!, target: tieDistance((weightOf.get(key) ?? 0) / strongest) });
    }
  const targets = pairs.map((pair) => pair.target);
  // The step size falls geometrically from the largest target's square to a hundredth of the smallest's, as the paper's schedule.
  const high = Math.max(...targets) ** 2;
  const low = Math.min(...targets) ** 2 / 100;
  const decay = iterations === 1 ? 1 : Math.pow(low / high, 1 / (iterations - 1));
  for (let step = 0; step < iterations; step += 1) {
    const eta = high * Math.pow(decay, step);
    for (const { a, b, target } of pairs) {
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const distance = Math.max(1e-9, Math.hypot(dx, dy));
      const mu = Math.min(1, eta / (target * target));
      const move = (mu * (distance - target)) / 2;
      a.x -= (move * dx) / distance;
      a.y -= (move * dy) / distance;
      b.x += (move * dx) / distance;
      b.y += (move * dy) / distance;
    }
  }
  return positions;
}

// ---------------------------------------------------------------- provenance

/** Every chain from the claim asked about to a claim it rests on that rests on nothing further, each as its steps in order. */
export function provenanceLines(provenance: Provenance): ProvenanceStep[][] {
  const children = new Map<string | null, ProvenanceStep[]>();
  for (const step of provenance.chain) children.set(step.from, [...(children.get(step.from) ?? []), step]);
  const root = provenance.chain.find((step) => step.from === null && step.claim.id === provenance.claim.id);
  if (root === undefined) return [];
  const lines: ProvenanceStep[][] = [];
  const walk = (line: ProvenanceStep[]) => {
    const last = line[line.length - 1]!;
    // A loop (circular reporting) ends the line where it comes back to a claim already on it.
    const next = (children.get(last.claim.id) ?? []).filter((step) => !line.some((earlier) => earlier.claim.id === step.claim.id));
    if (next.length === 0) lines.push(line);
    for (const step of next) walk([...line, step]);
  };
  walk([root]);
  return lines;
}

/** One link of a chain in words: the article it was read in, an outlet it came through, or a speaker. */
export interface ChainSegment {
  kind: 'source' | 'outlet' | 'claimant';
  id: string;
  label: string;
  /** The claim this speaker made, for a speaker; null otherwise. */
  claim: string | null;
}

/**
 * A chain as what it passed through, newest first: the article, then for each claim the outlets it reached the
 * claim before it through and its speaker ("North Korea Web Outage… ← Unnamed outlet ← Bloomberg ← Michael McCaul").
 * A step with the same speaker and outlets as the one before (one speaker's two claims, both via Bloomberg) adds
 * nothing to the words and is written once; so is a link that repeats the one just before it.
 */
export function chainSegments(line: readonly ProvenanceStep[], articles: ReadonlyArray<{ id: string; title: string }>): ChainSegment[] {
  const segments: ChainSegment[] = articles.map((source) => ({ kind: 'source', id: source.id, label: source.title, claim: null }));
  let previous: string | null = null;
  for (const step of line) {
    const signature = [step.claimant.id, ...step.reportedVia.map((outlet) => outlet.id)].join('|');
    if (signature === previous) continue;
    previous = signature;
    for (const outlet of step.reportedVia) {
      if (segments[segments.length - 1]?.id === outlet.id) continue;
      segments.push({ kind: 'outlet', id: outlet.id, label: outlet.name, claim: null });
    }
    if (segments[segments.length - 1]?.id === step.claimant.id && segments[segments.length - 1]?.kind !== 'source') continue;
    segments.push({ kind: 'claimant', id: step.claimant.id, label: step.claimant.name, claim: step.claim.id });
  }
  return segments;
}

export function chainText(segments: readonly ChainSegment[]): string {
  return segments.map((segment) => segment.label).join(' ← ');
}
