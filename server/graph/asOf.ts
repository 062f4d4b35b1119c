// Belief as of a date: the one rule every view applies to decide whether a claim had been made by a given day.
import { dateSpan } from '../model/dates';
import type { AsOfSummary } from '../model/api';
import type { SerializedGraph } from '../model/wire';

/**
 * A claim counts as of a date once the whole period its date names has passed by the end of that date: a claim
 * dated "2014-12-19" counts from 19 December, one dated "December 2014" (or coarsened to month precision) only
 * from 31 December, because before then the source does not say it had been made. A claim whose date is only a
 * bound (`dateBasis: bounded`, made on or before its article's publication) counts from that bound, by the same
 * rule. Undated claims never count as of a date; the answers say how many were left out.
 */
export interface AsOf {
  /** The partial date asked for, as given. */
  asOf: string;
  /** The last day it covers (YYYY-MM-DD): "2014-12" ends on 2014-12-31. */
  lastDay: string;
}

/** The as-of window for a query's optional `asOf`, or undefined for "everything, dated or not". */
export function resolveAsOf(asOf: string | undefined): AsOf | undefined {
  if (asOf === undefined) return undefined;
  const span = dateSpan(asOf);
  // The edge validates `asOf` as a partial date, so an unparseable one here is a programming error.
  if (span === undefined) throw new RangeError(`asOf: expected YYYY, YYYY-MM or YYYY-MM-DD, got "${asOf}"`);
  return { asOf, lastDay: span.end };
}

/**
 * The Cypher expression for the last day a claim's date allows, as a Neo4j date, or null when it is undated.
 * A stored `datePrecision` may coarsen the date, never refine it, as in `dateSpan`.
 */
export function claimLastDay(claim: string): string {
  return `CASE
    WHEN ${claim}.date IS NULL THEN null
    WHEN size(${claim}.date) = 4 OR ${claim}.datePrecision = 'year' THEN date({year: date(${claim}.date).year, month: 12, day: 31})
    WHEN size(${claim}.date) = 7 OR ${claim}.datePrecision = 'month'
      THEN date.truncate('month', date(${claim}.date)) + duration({months: 1}) - duration({days: 1})
    ELSE date(${claim}.date) END`;
}

/**
 * A Cypher condition, true when the claim counts as of `lastDay` (an expression holding a YYYY-MM-DD string, or
 * null for no limit; `$asOfLastDay` unless told). Pass `asOfParameters(window)` with the query.
 */
export function countsAsOf(claim: string, lastDay = '$asOfLastDay'): string {
  return `(${lastDay} IS NULL OR (${claim}.date IS NOT NULL AND ${claimLastDay(claim)} <= date(${lastDay})))`;
}

/** The query parameter `countsAsOf` reads. */
export function asOfParameters(window: AsOf | undefined): { asOfLastDay: string | null } {
  return { asOfLastDay: window?.lastDay ?? null };
}

/** Whether a claim dated `date` (at `precision`) counts by `lastDay`, the JavaScript form of `countsAsOf`. */
export function claimCountsBy(date: unknown, precision: unknown, lastDay: string): 'counts' | 'undated' | 'later' {
  const span = typeof date === 'string' ? dateSpan(date, precision) : undefined;
  if (span === undefined) return 'undated';
  return span.end <= lastDay ? 'counts' : 'later';
}

/**
 * The graph without some claims and their edges, and without any other record those claims alone tied to the view
 * (a source that reports only them), except the records the view was asked about (`kept`).
 */
export function withoutClaims(graph: SerializedGraph, dropped: ReadonlySet<string>, kept: Iterable<string> = []): SerializedGraph {
  const edges = graph.edges.filter((edge) => !dropped.has(edge.source) && !dropped.has(edge.target));
  const tied = new Set([...kept, ...edges.flatMap((edge) => [edge.source, edge.target])]);
  const hadEdges = new Set(graph.edges.flatMap((edge) => [edge.source, edge.target]));
  const nodes = graph.nodes.filter((node) => !dropped.has(node.key) && (tied.has(node.key) || !hadEdges.has(node.key)));
  return { ...graph, nodes, edges };
}

/**
 * A graph view as of a date: the claims that do not count by then are left out (`withoutClaims`), and the graph's
 * `asOf` attribute says how many, undated and later, as the attribution's `asOf` does. `alsoLeftOut` names claims a
 * view leaves out for its own reason (a chain's step that hangs from a later claim); they are not counted as dated.
 */
export function graphAsOf(
  graph: SerializedGraph,
  window: AsOf,
  kept: Iterable<string> = [],
  alsoLeftOut: ReadonlySet<string> = new Set(),
): SerializedGraph {
  const counts = { undated: 0, later: 0 };
  const dropped = new Set(alsoLeftOut);
  for (const node of graph.nodes) {
    if (node.attributes.type !== 'claim') continue;
    const verdict = claimCountsBy(node.attributes.date, node.attributes.datePrecision, window.lastDay);
    if (verdict === 'counts') continue;
    counts[verdict] += 1;
    dropped.add(node.key);
  }
  const asOf: AsOfSummary = { asOf: window.asOf, lastDay: window.lastDay, undatedLeftOut: counts.undated, laterLeftOut: counts.later };
  const left = withoutClaims(graph, dropped, kept);
  return { ...left, attributes: { ...left.attributes, asOf } };
}
