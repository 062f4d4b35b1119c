// The layout input as the worker receives it: the ids in one string and everything else in typed arrays that move to the worker instead of being copied.
import type { LayoutInput } from './layout';

/**
 * A `LayoutInput` in the form `postMessage` hands over cheaply. At 50,000 nodes and 100,000 edges the plain input
 * (an object per node, an array of two strings per edge) took 186–320 ms of the main thread to clone and post, and a
 * list of the 50,000 ids alone still made the post a task of 91–208 ms. One string is cloned as one block of
 * characters, whatever it holds, so the ids travel joined, cut apart again by their end offsets, which no character an
 * id may contain can confuse; the buffers are transferred.
 */
export interface PackedLayoutInput {
  /** Every node's id, one after another. */
  idText: string;
  /** Where node `i`'s id ends in `idText` (UTF-16 code units); it starts where node `i − 1`'s ends. */
  idEnds: Uint32Array;
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
 * Packs a `LayoutInput` a slice at a time, so that a page can spread the work over several tasks (the runner does:
 * packing 50,000 nodes and 100,000 edges in one go took 31–51 ms of its main thread). An edge with an end that is not
 * among the nodes is left out, as computeLayout leaves it out.
 */
export class LayoutPacker {
  private readonly input: LayoutInput;
  private readonly ids: string[];
  private readonly idEnds: Uint32Array<ArrayBuffer>;
  private readonly sizes: Float64Array<ArrayBuffer>;
  private readonly starts: Float64Array<ArrayBuffer>;
  private readonly edges: Uint32Array<ArrayBuffer>;
  private readonly index = new Map<string, number>();
  private nextNode = 0;
  private nextEdge = 0;
  private kept = 0;

  constructor(input: LayoutInput) {
    const count = input.nodes.length;
    this.input = input;
    this.ids = new Array<string>(count);
    this.idEnds = new Uint32Array(count);
    this.sizes = new Float64Array(count);
    this.starts = new Float64Array(2 * count);
    this.edges = new Uint32Array(2 * input.edges.length);
  }

  /** Packs up to `budget` more nodes and edges (nodes first, since edges refer to them); true once all are packed. */
  step(budget: number): boolean {
    const { nodes, edges } = this.input;
    let left = budget;
    for (; left > 0 && this.nextNode < nodes.length; left -= 1, this.nextNode += 1) {
      const i = this.nextNode;
      const node = nodes[i]!;
      this.ids[i] = node.id;
      this.idEnds[i] = (i === 0 ? 0 : this.idEnds[i - 1]!) + node.id.length;
      this.sizes[i] = node.size;
      this.starts[2 * i] = node.x ?? Number.NaN;
      this.starts[2 * i + 1] = node.y ?? Number.NaN;
      this.index.set(node.id, i);
    }
    for (; left > 0 && this.nextEdge < edges.length; left -= 1, this.nextEdge += 1) {
      const [source, target] = edges[this.nextEdge]!;
      const from = this.index.get(source);
      const to = this.index.get(target);
      if (from === undefined || to === undefined) continue;
      this.edges[2 * this.kept] = from;
      this.edges[2 * this.kept + 1] = to;
      this.kept += 1;
    }
    return this.nextNode === nodes.length && this.nextEdge === edges.length;
  }

  /** The packed input and the buffers to transfer with it; only once `step` has said it is done. */
  result(): { packed: PackedLayoutInput; transfer: ArrayBuffer[] } {
    if (this.nextNode < this.input.nodes.length || this.nextEdge < this.input.edges.length) {
      throw new Error(
        `LayoutPacker.result: expected every node and edge packed, got ${this.nextNode} of ${this.input.nodes.length} nodes ` +
          `and ${this.nextEdge} of ${this.input.edges.length} edges`,
      );
    }
    const { input, idEnds, sizes, starts, edges } = this;
    const packed: PackedLayoutInput = {
      idText: this.ids.join(''),
      idEnds,
      sizes,
      starts,
      edges: edges.subarray(0, 2 * this.kept),
      seed: input.seed,
      largeGraphNodes: input.largeGraphNodes,
      ...(input.iterations === undefined ? {} : { iterations: input.iterations }),
    };
    return { packed, transfer: [idEnds.buffer, sizes.buffer, starts.buffer, edges.buffer] };
  }
}

/** Packs `input` in one go and lists the buffers to transfer. */
export function packLayoutInput(input: LayoutInput): { packed: PackedLayoutInput; transfer: ArrayBuffer[] } {
  const packer = new LayoutPacker(input);
  packer.step(Number.POSITIVE_INFINITY);
  return packer.result();
}

/** The `LayoutInput` a packed one stands for (in the worker). */
export function unpackLayoutInput(packed: PackedLayoutInput): LayoutInput {
  const { idText, idEnds, sizes, starts, edges } = packed;
  const ids = Array.from(idEnds, (end, i) => idText.slice(i === 0 ? 0 : idEnds[i - 1], end));
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
