// The filter predicate: which nodes the view shows for a given node type, actor kind, stance, source article and date.
// Its form is views/controls/filterControls.ts.
import type Graph from 'graphology';
import { isoToDay } from '../../../server/model/dates';
import type { NodeType } from '../../../server/model/wire';
import { ACTOR_KINDS, RECORD_TYPES, isRecordType, type ActorKind } from '../../../server/model/vocabulary';
import { STANCE_KEYS, isActorKind, stanceKey, type StanceKey } from './graph/style';
import { claimVisibleOn } from './timeline';

export interface FilterState {
  /** Node types shown. */
  types: NodeType[];
  /** Actor kinds shown (actors of other kinds are hidden). */
  kinds: ActorKind[];
  /** Claim stances shown; 'none' stands for claims without a stance. */
  stances: StanceKey[];
  /** When set, only claims reported in this source, the source, and what those claims touch. */
  source: string | null;
  /** YYYY-MM-DD: claims dated after this day are hidden. Null shows every date. */
  until: string | null;
}

export function defaultFilters(): FilterState {
  return { types: [...RECORD_TYPES], kinds: [...ACTOR_KINDS], stances: [...STANCE_KEYS], source: null, until: null };
}

export function isDefaultFilters(filters: FilterState): boolean {
  return (
    filters.types.length === RECORD_TYPES.length &&
    filters.kinds.length === ACTOR_KINDS.length &&
    filters.stances.length === STANCE_KEYS.length &&
    filters.source === null &&
    filters.until === null
  );
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
 * applied by computeVisibleNodes. `day` is `until` as a day number, computed once by the caller.
 */
export function nodePasses(node: FilterableNode, filters: FilterState, day: number | null): boolean {
  if (!isRecordType(node.type) || !filters.types.includes(node.type)) return false;
  if (node.type === 'actor') return !isActorKind(node.kind) || filters.kinds.includes(node.kind);
  if (node.type === 'claim') {
    if (!filters.stances.includes(stanceKey(node.stance))) return false;
    return claimVisibleOn(typeof node.date === 'string' ? node.date : null, day);
  }
  return true;
}

/** Ids of the nodes the filters let through, computed once per filter change so reducers only look them up. */
export function computeVisibleNodes(graph: Graph, filters: FilterState): Set<string> {
  const day = filters.until === null ? null : isoToDay(filters.until);
  const visible = new Set<string>();
  const source = filters.source;
  if (source === null || !graph.hasNode(source)) {
    graph.forEachNode((node, attributes) => {
      if (nodePasses(attributes as FilterableNode, filters, day)) visible.add(node);
    });
    return visible;
  }
  // With a source chosen, claims must be reported in it and everything else must touch such a claim.
  graph.forEachInEdge(source, (_edge, attributes, claim) => {
    if (attributes.type === 'REPORTED_IN' && nodePasses(graph.getNodeAttributes(claim) as FilterableNode, filters, day)) visible.add(claim);
  });
  if (nodePasses(graph.getNodeAttributes(source) as FilterableNode, filters, day)) visible.add(source);
  graph.forEachNode((node, attributes) => {
    if (attributes.type === 'claim' || attributes.type === 'source' || visible.has(node)) return;
    if (!nodePasses(attributes as FilterableNode, filters, day)) return;
    if (graph.someNeighbor(node, (neighbor) => visible.has(neighbor) && graph.getNodeAttribute(neighbor, 'type') === 'claim'))
      visible.add(node);
  });
  return visible;
}

/** How many claims the graph holds, and how many of them the filters (`visible`, null for all) and the timeline let through. */
export function claimCounts(graph: Graph, visible: ReadonlySet<string> | null, until: string | null): { shown: number; total: number } {
  const day = until === null ? null : isoToDay(until);
  let total = 0;
  let shown = 0;
  graph.forEachNode((node, attributes) => {
    if (attributes.type !== 'claim') return;
    total += 1;
    if ((visible === null || visible.has(node)) && claimVisibleOn(typeof attributes.date === 'string' ? attributes.date : null, day))
      shown += 1;
  });
  return { shown, total };
}
