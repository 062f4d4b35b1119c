// The filter predicate: which nodes the view shows for a given node type, actor kind, stance, source article and date.
// The rules are server/model/viewFilter.ts, shared with GET /api/export; its form is views/controls/filterControls.ts.
import type Graph from 'graphology';
import { isoToDay } from '../../../server/model/dates';
import {
  claimVisibleOn,
  defaultViewFilters,
  isDefaultViewFilters,
  nodePasses,
  visibleNodeIds,
  type FilterableNode,
  type ViewFilters,
} from '../../../server/model/viewFilter';

export type FilterState = ViewFilters;
export type { FilterableNode };
export { nodePasses };

export function defaultFilters(): FilterState {
  return defaultViewFilters();
}

export function isDefaultFilters(filters: FilterState): boolean {
  return isDefaultViewFilters(filters);
}

/** Ids of the nodes the filters let through, computed once per filter change so reducers only look them up. */
export function computeVisibleNodes(graph: Graph, filters: FilterState): Set<string> {
  return visibleNodeIds(
    {
      nodes: graph.mapNodes((key, attributes) => ({ key, attributes: attributes as FilterableNode })),
      edges: graph.mapEdges((_edge, attributes, source, target) => ({ source, target, attributes: attributes as { type: unknown } })),
    },
    filters,
  );
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
