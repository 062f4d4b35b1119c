// The layout input as the worker receives it: ids in one list and everything else in typed arrays that move to the worker instead of being copied.
import type { LayoutInput } from './layout';

/**
 * A `LayoutInput` in the form `postMessage` hands over cheaply. At 50,000 nodes and 100,000 edges the plain input
 * (an object per node, an array of two strings per edge) took 186–320 ms of the main thread to clone and post; here
 * only the ids are cloned, and the buffers are transferred.
 */
export interface PackedLayoutInput {
  ids: string[];
  /** Rendered radius of node `i`. */
  sizes: Float64Array;
  /** Start position of node `i` at `2i`, `2i + 1`; NaN where the node starts at its seed position. */
  starts: Float64Array;
  /** Directed edges as node indices, source at `2k`, target at `2k + 1`. */
  edges: Uint32Array;
  seed: number;
  iterations?: number;
  largeGraphNodes: number;
}

/**
 * Packs `input` and lists the buffers to transfer. An edge with an end that is not among the nodes is left out, as
 * computeLayout leaves it out.
 */
export function packLayoutInput(input: LayoutInput): { packed: PackedLayoutInput; transfer: ArrayBuffer[] } {
  const count = input.nodes.length;
  const ids = new Array<string>(count);
  const sizes = new Float64Array(count);
  const starts = new Float64Array(2 * count);
  const index = new Map<string, number>();
  input.nodes.forEach((node, i) => {
    ids[i] = node.id;
    sizes[i] = node.size;
    starts[2 * i] = node.x ?? Number.NaN;
    starts[2 * i + 1] = node.y ?? Number.NaN;
    index.set(node.id, i);
  });
  const edges = new Uint32Array(2 * input.edges.length);
  let kept = 0;
  for (const [source, target] of input.edges) {
    const from = index.get(source);
    const to = index.get(target);
    if (from === undefined || to === undefined) continue;
    edges[2 * kept] = from;
    edges[2 * kept + 1] = to;
    kept += 1;
  }
  const packed: PackedLayoutInput = {
    ids,
    sizes,
    starts,
    edges: edges.subarray(0, 2 * kept),
    seed: input.seed,
    largeGraphNodes: input.largeGraphNodes,
    ...(input.iterations === undefined ? {} : { iterations: input.iterations }),
  };
  return { packed, transfer: [sizes.buffer, starts.buffer, edges.buffer] };
}

/** The `LayoutInput` a packed one stands for (in the worker). */
export function unpackLayoutInput(packed: PackedLayoutInput): LayoutInput {
  const { ids, sizes, starts, edges } = packed;
  const nodes = ids.map((id, i) => {
    const x = starts[2 * i]!;
    const y = starts[2 * i + 1]!;
    return Number.isFinite(x) && Number.isFinite(y) ? { id, size: sizes[i]!, x, y } : { id, size: sizes[i]! };
  });
  const pairs = new Array<[string, string]>(edges.length / 2);
  for (let k = 0; k < pairs.length; k += 1) pairs[k] = [ids[edges[2 * k]!]!, ids[edges[2 * k + 1]!]!];
  return {
    nodes,
    edges: pairs,
    seed: packed.seed,
    largeGraphNodes: packed.largeGraphNodes,
    ...(packed.iterations === undefined ? {} : { iterations: packed.iterations }),
  };
}
