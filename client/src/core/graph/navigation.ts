// Moving through the graph with the arrow keys: from the current node to the neighbour that lies most nearly in the arrow's direction.

export type ArrowDirection = 'left' | 'right' | 'up' | 'down';

const VECTORS: Readonly<Record<ArrowDirection, { x: number; y: number }>> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  // Viewport pixels: y grows downwards.
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

/** Within 60° of the arrow counts as "that way". */
const MIN_COSINE = 0.5;

export interface NavigationInput {
  /** The node the keyboard is on; null to start. */
  from: string | null;
  direction: ArrowDirection;
  /** Viewport positions of every node that is drawn. */
  positions: ReadonlyMap<string, { x: number; y: number }>;
  neighbours: readonly string[];
  /** Where to start from when no node is current: the node nearest this point. */
  centre: { x: number; y: number };
}

/** Distance, stretched the further it is off the arrow's axis, so a node straight ahead beats a nearer one to the side. */
function score(from: { x: number; y: number }, to: { x: number; y: number }, direction: ArrowDirection): number | null {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const vector = VECTORS[direction];
  const cosine = (dx * vector.x + dy * vector.y) / length;
  if (cosine < MIN_COSINE) return null;
  return length * (2 - cosine);
}

function best(
  from: { x: number; y: number },
  nodes: Iterable<string>,
  positions: NavigationInput['positions'],
  direction: ArrowDirection,
  skip: string,
): string | null {
  let chosen: string | null = null;
  let chosenScore = Infinity;
  for (const node of nodes) {
    if (node === skip) continue;
    const position = positions.get(node);
    if (position === undefined) continue;
    const value = score(from, position, direction);
    // Ties go to the smaller id, so the same keys always reach the same node.
    if (value !== null && (value < chosenScore || (value === chosenScore && chosen !== null && node < chosen))) {
      chosen = node;
      chosenScore = value;
    }
  }
  return chosen;
}

/**
 * The node an arrow moves to: the best neighbour that way; when there is none, the best drawn node that way (so every
 * node stays reachable); with no current node, the one nearest the centre. Null when nothing lies that way.
 */
export function nextNode(input: NavigationInput): { node: string; neighbour: boolean } | null {
  const { from, direction, positions } = input;
  if (from === null || !positions.has(from)) {
    let nearest: string | null = null;
    let distance = Infinity;
    for (const [node, position] of positions) {
      const d = Math.hypot(position.x - input.centre.x, position.y - input.centre.y);
      if (d < distance || (d === distance && nearest !== null && node < nearest)) {
        nearest = node;
        distance = d;
      }
    }
    return nearest === null ? null : { node: nearest, neighbour: false };
  }
  const at = positions.get(from)!;
  const neighbour = best(at, input.neighbours, positions, direction, from);
  if (neighbour !== null) return { node: neighbour, neighbour: true };
  const any = best(at, positions.keys(), positions, direction, from);
  return any === null ? null : { node: any, neighbour: false };
}
