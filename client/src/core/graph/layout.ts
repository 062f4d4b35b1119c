// Layout arithmetic that needs no browser: stable seed positions from node ids and ForceAtlas2 settings for a graph's size.
import type Graph from 'graphology';
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

/** FNV-1a: a stable 32-bit hash, so a node lands on the same seed position whatever order it arrives in. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Two numbers in [0, 1) derived from an id. */
function unitPair(id: string): [number, number] {
  const first = hashString(id);
  const second = hashString(`${id}\u0000${first}`);
  return [first / 0x1_0000_0000, second / 0x1_0000_0000];
}

/**
 * A seed position inside a disc whose area grows with the graph, so that density stays the same at any size and
 * the first frame is already spread out. Uniform in area (sqrt of the radius draw).
 */
export function seedPosition(id: string, order: number): { x: number; y: number } {
  const [a, b] = unitPair(id);
  const radius = 10 * Math.sqrt(Math.max(order, 1)) * Math.sqrt(a);
  const angle = 2 * Math.PI * b;
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/** A position a short, id-dependent distance from an anchor: where a node fetched by expanding the anchor appears. */
export function positionNear(anchor: { x: number; y: number }, id: string, distance = 4): { x: number; y: number } {
  const [a, b] = unitPair(id);
  const angle = 2 * Math.PI * a;
  const radius = distance * (0.5 + b);
  return { x: anchor.x + radius * Math.cos(angle), y: anchor.y + radius * Math.sin(angle) };
}

/** ForceAtlas2 settings by graph size: Barnes–Hut from `largeGraphNodes` on, where the exact O(n²) repulsion gets slow. */
export function forceAtlasSettings(order: number, largeGraphNodes: number): ForceAtlas2Settings {
  const large = order >= largeGraphNodes;
  return {
    barnesHutOptimize: large,
    barnesHutTheta: 0.6,
    // Small graphs spread out more so that labels have room; big ones stay compact.
    scalingRatio: order > 2000 ? 4 : 10,
    // Strong gravity keeps isolated actors (no claims in view) from drifting off and shrinking everything else.
    gravity: 0.6,
    strongGravityMode: true,
    linLogMode: false,
    adjustSizes: false,
    outboundAttractionDistribution: true,
    slowDown: 1 + Math.log10(Math.max(order, 1)),
  };
}

/** Positions of every node, keyed by id, rounded so that a stored copy stays small. */
export function collectPositions(graph: Graph): Record<string, [number, number]> {
  const positions: Record<string, [number, number]> = {};
  graph.forEachNode((node, attributes) => {
    const { x, y } = attributes as { x?: unknown; y?: unknown };
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      positions[node] = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    }
  });
  return positions;
}

/** Reads a stored positions object back, skipping anything malformed. */
export function parsePositions(text: string | null): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  if (text === null) return positions;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return positions;
  }
  if (parsed === null || typeof parsed !== 'object') return positions;
  for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (
      Array.isArray(value) &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'number' &&
      Number.isFinite(value[0]) &&
      Number.isFinite(value[1])
    ) {
      positions.set(id, { x: value[0], y: value[1] });
    }
  }
  return positions;
}
