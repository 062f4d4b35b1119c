// A simple layered layout for chains and paths: columns left to right by rank, rows ordered by barycentre sweeps to cut crossings.

/** Where a node goes in the layered drawing: its column (rank, may be fractional) and its row within the column. */
export interface LayeredSlot {
  rank: number;
  row: number;
}

export interface LayeredInput {
  /** Node ids in a meaningful order (a path's order, a chain's steps); ties keep this order. */
  nodes: readonly string[];
  /** Directed [source, target] pairs among `nodes`. */
  edges: ReadonlyArray<readonly [string, string]>;
  /**
   * Ranks fixed by the caller (a chain's depth, a node's index along a path). Left out, ranks come from the longest
   * path over `edges`. Nodes without a rank go half a column before the ranked neighbour they point to (a claimant
   * before its claim) or half a column after the one that points to them (a claim's source after it).
   */
  ranks?: ReadonlyMap<string, number>;
  /** Barycentre sweeps (each one left to right, then right to left). */
  sweeps?: number;
}

/**
 * Longest-path ranks of a directed graph: sources at 0, every other node one more than its deepest predecessor.
 * Cycles are broken by ignoring the edges that close them in a depth-first walk in `nodes` order, so a graph with
 * a cycle still gets a ranking, and the same one every time.
 */
export function longestPathRanks(nodes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): Map<string, number> {
  const known = new Set(nodes);
  const out = new Map<string, string[]>();
  for (const node of nodes) out.set(node, []);
  for (const [source, target] of edges) if (known.has(source) && known.has(target) && source !== target) out.get(source)!.push(target);

  // Depth-first walk: an edge to a node still on the stack is a back edge, dropped from the acyclic version.
  const state = new Map<string, 'open' | 'done'>();
  const kept = new Map<string, string[]>();
  for (const node of nodes) kept.set(node, []);
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = out.get(top.node)!;
      if (top.next >= targets.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.next]!;
      top.next += 1;
      const seen = state.get(target);
      if (seen === 'open') continue;
      kept.get(top.node)!.push(target);
      if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ node: target, next: 0 });
      }
    }
  }

  // Kahn's order over the kept edges, taking ready nodes in `nodes` order.
  const indegree = new Map<string, number>(nodes.map((node) => [node, 0]));
  for (const targets of kept.values()) for (const target of targets) indegree.set(target, indegree.get(target)! + 1);
  const ranks = new Map<string, number>();
  const ready = nodes.filter((node) => indegree.get(node) === 0);
  for (const node of ready) ranks.set(node, 0);
  for (let at = 0; at < ready.length; at += 1) {
    const node = ready[at]!;
    for (const target of kept.get(node)!) {
      ranks.set(target, Math.max(ranks.get(target) ?? 0, ranks.get(node)! + 1));
      const left = indegree.get(target)! - 1;
      indegree.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return ranks;
}

/** Ranks for every node: the given ones, then satellites half a column from a ranked neighbour, then a last column. */
function completeRanks(input: LayeredInput): Map<string, number> {
  const ranks = new Map(input.ranks ?? longestPathRanks(input.nodes, input.edges));
  const known = new Set(input.nodes);
  for (const node of [...ranks.keys()]) if (!known.has(node)) ranks.delete(node);
  // Two rounds reach a satellite's satellite (a source reported via an outlet).
  for (let round = 0; round < 2; round += 1) {
    const found = new Map<string, number>();
    for (const [source, target] of input.edges) {
      if (!known.has(source) || !known.has(target)) continue;
      const before = ranks.get(target);
      if (!ranks.has(source) && before !== undefined) found.set(source, Math.min(found.get(source) ?? Infinity, before - 0.5));
      const after = ranks.get(source);
      if (!ranks.has(target) && after !== undefined && !found.has(target)) found.set(target, after + 0.5);
    }
    for (const [node, rank] of found) ranks.set(node, rank);
  }
  const ranked = [...ranks.values()];
  const last = ranked.length === 0 ? 0 : Math.max(...ranked) + 1;
  for (const node of input.nodes) if (!ranks.has(node)) ranks.set(node, last);
  return ranks;
}

/** Each node's column and row; rows are renumbered 0… within each column. */
export function layeredSlots(input: LayeredInput): Map<string, LayeredSlot> {
  const ranks = completeRanks(input);
  const columns = new Map<number, string[]>();
  for (const node of input.nodes) {
    const rank = ranks.get(node)!;
    if (!columns.has(rank)) columns.set(rank, []);
    columns.get(rank)!.push(node);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);
  const row = new Map<string, number>();
  for (const rank of order) columns.get(rank)!.forEach((node, index) => row.set(node, index));

  const neighbours = new Map<string, string[]>(input.nodes.map((node) => [node, []]));
  for (const [source, target] of input.edges) {
    if (!neighbours.has(source) || !neighbours.has(target) || source === target) continue;
    neighbours.get(source)!.push(target);
    neighbours.get(target)!.push(source);
  }
  /** Reorders one column by the mean row of its neighbours in the column just swept; nodes with none keep their row. */
  const reorder = (rank: number, reference: number) => {
    const column = columns.get(rank)!;
    const keyed = column.map((node) => {
      const rows = neighbours
        .get(node)!
        .filter((other) => ranks.get(other) === reference)
        .map((other) => row.get(other)!);
      const centre = rows.length === 0 ? row.get(node)! : rows.reduce((sum, value) => sum + value, 0) / rows.length;
      return { node, centre, was: row.get(node)! };
    });
    keyed.sort((a, b) => a.centre - b.centre || a.was - b.was);
    keyed.forEach(({ node }, index) => row.set(node, index));
    columns.set(
      rank,
      keyed.map(({ node }) => node),
    );
  };
  const sweeps = input.sweeps ?? 4;
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    for (let at = 1; at < order.length; at += 1) reorder(order[at]!, order[at - 1]!);
    for (let at = order.length - 2; at >= 0; at -= 1) reorder(order[at]!, order[at + 1]!);
  }
  const slots = new Map<string, LayeredSlot>();
  for (const node of input.nodes) slots.set(node, { rank: ranks.get(node)!, row: row.get(node)! });
  return slots;
}

/**
 * Positions for the layered drawing, centred on `centre`: columns `columnGap` apart from left to right, rows
 * `rowGap` apart from the top, each column centred vertically. Graph y grows upwards in sigma, so row 0 is on top.
 */
export function layeredPositions(
  input: LayeredInput,
  centre: { x: number; y: number },
  columnGap: number,
  rowGap: number,
): Map<string, { x: number; y: number }> {
  const slots = layeredSlots(input);
  const heights = new Map<number, number>();
  for (const { rank } of slots.values()) heights.set(rank, (heights.get(rank) ?? 0) + 1);
  const ranks = [...heights.keys()];
  const middleRank = ranks.length === 0 ? 0 : (Math.min(...ranks) + Math.max(...ranks)) / 2;
  const positions = new Map<string, { x: number; y: number }>();
  for (const [node, { rank, row }] of slots) {
    const height = heights.get(rank)!;
    positions.set(node, { x: centre.x + (rank - middleRank) * columnGap, y: centre.y + ((height - 1) / 2 - row) * rowGap });
  }
  return positions;
}
