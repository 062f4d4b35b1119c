// The explorer's view filters (node types, actor kinds, stances, source article, time window) over a serialized graph.
// Pure: the explorer applies it to what it draws, and GET /api/export to the view it renders, so both keep the same nodes.
import { isoToDay, periodStart } from './dates';
import { ACTOR_KINDS, RECORD_TYPES, STANCES, isRecordType, type ActorKind, type RecordType, type Stance } from './vocabulary';
import type { SerializedGraph } from './wire';

/** A claim's stance, or 'none' for claims that take no position on responsibility. */
export type StanceKey = Stance | 'none';

/** The model's stances and 'none', in the order the filters, the legend and the URL list them. */
export const STANCE_KEYS: readonly StanceKey[] = [...STANCES, 'none'];

export interface ViewFilters {
  /** Node types shown. */
  types: RecordType[];
  /** Actor kinds shown (actors of other kinds are hidden). */
  kinds: ActorKind[];
  /** Claim stances shown; 'none' stands for claims without a stance. */
  stances: StanceKey[];
  /** When set, only claims reported in this source, the source, and what those claims touch. */
  source: string | null;
  /** YYYY-MM-DD: claims dated after this day are hidden. Null shows every date. */
  until: string | null;
}

export function defaultViewFilters(): ViewFilters {
  return { types: [...RECORD_TYPES], kinds: [...ACTOR_KINDS], stances: [...STANCE_KEYS], source: null, until: null };
}

export function isDefaultViewFilters(filters: ViewFilters): boolean {
  return (
    RECORD_TYPES.every((type) => filters.types.includes(type)) &&
    ACTOR_KINDS.every((kind) => filters.kinds.includes(kind)) &&
    STANCE_KEYS.every((stance) => filters.stances.includes(stance)) &&
    filters.source === null &&
    filters.until === null
  );
}

export function isStance(value: unknown): value is Stance {
  return (STANCES as readonly unknown[]).includes(value);
}

export function isActorKind(value: unknown): value is ActorKind {
  return (ACTOR_KINDS as readonly unknown[]).includes(value);
}

/** The stance key of a claim's attributes: its stance, or 'none'. */
export function stanceKey(stance: unknown): StanceKey {
  return isStance(stance) ? stance : 'none';
}

/**
 * Whether a claim dated `date` is shown when the timeline stands at `day`. No day means no timeline filter; an
 * undated claim is always shown, because nothing says it came later. A claim dated "2014-12" counts from
 * 1 December: the source only says it was made that month.
 */
export function claimVisibleOn(date: string | null | undefined, day: number | null): boolean {
  if (day === null) return true;
  const start = periodStart(date);
  return start === null || start <= day;
}

/** Attributes the predicate reads; graph nodes carry more. */
export interface FilterableNode {
  type: unknown;
  kind?: unknown;
  stance?: unknown;
  date?: unknown;
}

/**
 * The predicate for one node on its own (type, kind, stance, date). The source filter needs the graph's edges and is
 * applied by visibleNodeIds. `day` is `until` as a day number, computed once by the caller.
 */
export function nodePasses(node: FilterableNode, filters: ViewFilters, day: number | null): boolean {
  if (!isRecordType(node.type) || !filters.types.includes(node.type)) return false;
  if (node.type === 'actor') return !isActorKind(node.kind) || filters.kinds.includes(node.kind);
  if (node.type === 'claim') {
    if (!filters.stances.includes(stanceKey(node.stance))) return false;
    return claimVisibleOn(typeof node.date === 'string' ? node.date : null, day);
  }
  return true;
}

/** The part of a graph `visibleNodeIds` needs: its nodes and edges, as serialized or as iterated. */
export interface FilterableGraph {
  nodes: ReadonlyArray<{ key: string; attributes: FilterableNode }>;
  edges: ReadonlyArray<{ source: string; target: string; attributes: { type: unknown } }>;
}

/** Ids of the nodes the filters let through. */
export function visibleNodeIds(graph: FilterableGraph, filters: ViewFilters): Set<string> {
  const day = filters.until === null ? null : isoToDay(filters.until);
  const visible = new Set<string>();
  const byKey = new Map(graph.nodes.map((node) => [node.key, node.attributes]));
  const source = filters.source;
  if (source === null || !byKey.has(source)) {
    for (const node of graph.nodes) if (nodePasses(node.attributes, filters, day)) visible.add(node.key);
    return visible;
  }
  // With a source chosen, claims must be reported in it and everything else must touch such a claim.
  for (const edge of graph.edges) {
    if (edge.target !== source || edge.attributes.type !== 'REPORTED_IN') continue;
    const claim = byKey.get(edge.source);
    if (claim !== undefined && nodePasses(claim, filters, day)) visible.add(edge.source);
  }
  if (nodePasses(byKey.get(source) as FilterableNode, filters, day)) visible.add(source);
  const claims = new Set([...visible].filter((key) => byKey.get(key)?.type === 'claim'));
  const touching = new Set<string>();
  for (const edge of graph.edges) {
    if (claims.has(edge.source)) touching.add(edge.target);
    if (claims.has(edge.target)) touching.add(edge.source);
  }
  for (const node of graph.nodes) {
    const { type } = node.attributes;
    if (type === 'claim' || type === 'source' || visible.has(node.key) || !touching.has(node.key)) continue;
    if (nodePasses(node.attributes, filters, day)) visible.add(node.key);
  }
  return visible;
}

/** The graph with only the nodes the filters let through and the edges between them; the graph itself when unfiltered. */
export function filterSerializedGraph(graph: SerializedGraph, filters: ViewFilters): SerializedGraph {
  if (isDefaultViewFilters(filters)) return graph;
  const visible = visibleNodeIds(graph, filters);
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => visible.has(node.key)),
    edges: graph.edges.filter((edge) => visible.has(edge.source) && visible.has(edge.target)),
  };
}
