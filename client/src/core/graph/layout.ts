// Layout arithmetic that needs no browser: seeded start positions, a fixed ForceAtlas2 run and a no-overlap pass, so the same data gives the same picture.
import Graph from 'graphology';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import { mulberry32 } from '../../../../server/model/random';

/** Bumped whenever the pipeline below changes, so positions kept from an older version are not reused. */
export const LAYOUT_VERSION = 3;

/** FNV-1a: a stable 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The PRNG of one node: seeded by the layout seed and the node's id, so that a node draws the same numbers whatever
 * order the graph arrives in and whatever other nodes it holds.
 */
function nodeRandom(seed: number, id: string): () => number {
  return mulberry32(hashString(`${seed}\u0000${id}`));
}

/**
 * A start position inside a disc whose area grows with the graph, so that density stays the same at any size.
 * Uniform in area (square root of the radius draw).
 */
export function seedPosition(id: string, order: number, seed: number): { x: number; y: number } {
  const random = nodeRandom(seed, id);
  const radius = 10 * Math.sqrt(Math.max(order, 1)) * Math.sqrt(random());
  const angle = 2 * Math.PI * random();
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/** A position a short, id-dependent distance from an anchor: where a node fetched by expanding the anchor starts. */
export function positionNear(anchor: { x: number; y: number }, id: string, seed: number, distance = 4): { x: number; y: number } {
  const random = nodeRandom(seed, id);
  const angle = 2 * Math.PI * random();
  const radius = distance * (0.5 + random());
  return { x: anchor.x + radius * Math.cos(angle), y: anchor.y + radius * Math.sin(angle) };
}

/** ForceAtlas2 settings by graph size: Barnes–Hut from `largeGraphNodes` on, where the exact O(n²) repulsion gets slow. */
export function forceAtlasSettings(order: number, largeGraphNodes: number): ForceAtlas2Settings {
  return {
    barnesHutOptimize: order >= largeGraphNodes,
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

/**
 * How many ForceAtlas2 iterations a graph gets: a count, not a time budget, because a time budget runs more
 * iterations on a faster machine and so draws a different picture there.
 */
export function layoutIterations(order: number): number {
  if (order <= 300) return 600;
  if (order <= 2000) return 300;
  if (order <= 10_000) return 100;
  return 40;
}

/** Above this many nodes the no-overlap pass is left out (see `noverlapParameters`). */
export const NOVERLAP_MAX_NODES = 10_000;

/**
 * The no-overlap pass's effort by size: on big graphs each of its iterations costs seconds and the picture cannot be
 * free of overlaps anyway, so it gets a few passes over a finer grid. Above `NOVERLAP_MAX_NODES` it is left out
 * (null): its cost grows faster than the graph (3 s at 10,000 nodes, 270 s at 50,000, measured in Node), the
 * explorer draws such graphs with nodes at under a third of their size (the view's size scale), and ForceAtlas2 has
 * already spread them.
 */
export function noverlapParameters(order: number): { maxIterations: number; gridSize: number } | null {
  if (order > NOVERLAP_MAX_NODES) return null;
  return order <= 2000 ? { maxIterations: 200, gridSize: 20 } : { maxIterations: 30, gridSize: Math.ceil(Math.sqrt(order)) };
}

/** Iterations per chunk: the worker reports progress between chunks, and the chunking is fixed so it changes nothing. */
export const LAYOUT_CHUNK = 50;

/**
 * The node sizes the no-overlap pass assumes are sigma's pixel sizes at the default camera, where the graph's extent
 * fills a viewport of about this many pixels. A fixed number, not the window's size, so that every window computes
 * the same layout.
 */
const REFERENCE_VIEWPORT_PX = 640;

export interface LayoutNode {
  id: string;
  /** Rendered radius in pixels (sigma's `size`). */
  size: number;
  /** A start position; a node without one starts at its seed position. */
  x?: number;
  y?: number;
}

export interface LayoutInput {
  nodes: LayoutNode[];
  /** Directed [source, target] pairs; parallel edges count once each. */
  edges: Array<[string, string]>;
  seed: number;
  /** ForceAtlas2 iterations; `layoutIterations(order)` when left out. */
  iterations?: number;
  /** From this many nodes on, Barnes–Hut. */
  largeGraphNodes: number;
}

export type Positions = Map<string, { x: number; y: number }>;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The whole pipeline, a pure function of its input: nodes and edges sorted by id (so arrival order does not matter),
 * seeded start positions, a fixed number of ForceAtlas2 iterations, then graphology's no-overlap pass (up to
 * `NOVERLAP_MAX_NODES`).
 * `progress` is told the share done after each chunk.
 */
export function computeLayout(input: LayoutInput, progress?: (done: number) => void): Positions {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  const nodes = [...input.nodes].sort((a, b) => byText(a.id, b.id));
  const order = nodes.length;
  for (const node of nodes) {
    const given = Number.isFinite(node.x) && Number.isFinite(node.y) ? { x: node.x as number, y: node.y as number } : null;
    graph.addNode(node.id, { ...(given ?? seedPosition(node.id, order, input.seed)), size: Math.max(node.size, 0.1) });
  }
  const edges = input.edges
    .filter(([source, target]) => source !== target && graph.hasNode(source) && graph.hasNode(target))
    .sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1]));
  for (const [source, target] of edges) graph.addDirectedEdge(source, target);

  const positions: Positions = new Map();
  if (order === 0) return positions;
  if (order > 1) {
    const total = input.iterations ?? layoutIterations(order);
    const settings = forceAtlasSettings(order, input.largeGraphNodes);
    for (let done = 0; done < total; done += LAYOUT_CHUNK) {
      forceAtlas2.assign(graph, { iterations: Math.min(LAYOUT_CHUNK, total - done), settings });
      progress?.(Math.min(1, (done + LAYOUT_CHUNK) / total) * 0.9);
    }
    separateCoincident(graph, input.seed);
    removeOverlaps(graph, order);
  }
  progress?.(1);
  graph.forEachNode((node, attributes) => positions.set(node, { x: attributes.x as number, y: attributes.y as number }));
  return positions;
}

/**
 * Nodes on exactly the same spot are moved apart by a seeded step first: the no-overlap pass would otherwise
 * jitter them with Math.random, the one unseeded draw in the pipeline.
 */
function separateCoincident(graph: Graph, seed: number): void {
  const taken = new Set<string>();
  graph.forEachNode((node, attributes) => {
    let { x, y } = attributes as { x: number; y: number };
    const random = nodeRandom(seed ^ 0x5bd1e995, node);
    while (taken.has(`${x},${y}`)) {
      x += 0.01 * (random() - 0.5) + 1e-6;
      y += 0.01 * (random() - 0.5);
    }
    taken.add(`${x},${y}`);
    graph.mergeNodeAttributes(node, { x, y });
  });
}

/** Graphology's no-overlap pass, with pixel sizes turned into graph units at the reference viewport. */
function removeOverlaps(graph: Graph, order: number): void {
  const effort = noverlapParameters(order);
  if (effort === null) return;
  const { maxIterations, gridSize } = effort;
  const { width, height } = extentOf(graph);
  const unitsPerPixel = Math.max(width, height, 1e-6) / REFERENCE_VIEWPORT_PX;
  noverlap.assign(graph, {
    maxIterations,
    settings: { margin: 3 * unitsPerPixel, ratio: 1.15, expansion: 1.1, gridSize, speed: 3 },
    inputReducer: (_key, attributes) => ({ x: attributes.x, y: attributes.y, size: (attributes.size ?? 1) * unitsPerPixel }),
    outputReducer: (_key, attributes) => ({ x: attributes.x, y: attributes.y }),
  });
}

function extentOf(graph: Graph): { width: number; height: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_node, attributes) => {
    const { x, y } = attributes as { x: number; y: number };
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  return { width: maxX - minX, height: maxY - minY };
}

/**
 * What a computed layout depends on, as one short string: the pipeline's version, the seed, the iterations, every
 * node id with its size and every edge. Positions kept under another fingerprint are not this layout's.
 */
export function layoutFingerprint(input: LayoutInput): string {
  const nodes = input.nodes.map((node) => `${node.id}:${node.size}`).sort(byText);
  const edges = input.edges.map(([source, target]) => `${source}>${target}`).sort(byText);
  const text = [LAYOUT_VERSION, input.seed, input.iterations ?? 'auto', input.largeGraphNodes, nodes.join('|'), edges.join('|')].join('#');
  // Two different hashes of the same text: 64 bits make an accidental match between two graphs negligible.
  return `${hashString(text).toString(36)}-${hashString(`${text.length}:${text}`).toString(36)}-${nodes.length}`;
}

/** Positions of every node, keyed by id, unrounded: a kept copy must draw exactly what a fresh computation draws. */
export function serializePositions(positions: Positions): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const [id, { x, y }] of positions) if (Number.isFinite(x) && Number.isFinite(y)) out[id] = [x, y];
  return out;
}

/** Reads a stored positions object back, skipping anything malformed. */
export function parsePositions(text: string | null): Positions {
  const positions: Positions = new Map();
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
