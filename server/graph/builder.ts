// Collects a view's nodes and edges without duplicates and serializes them in key order, so a view always has the same bytes.
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';

export interface GraphPart {
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

/** Collects nodes and edges without duplicates and serializes them in key order, so a view always has the same bytes. */
export class GraphBuilder {
  private readonly nodes = new Map<string, SerializedNode>();
  private readonly edges = new Map<string, SerializedEdge>();

  addNode(node: SerializedNode): void {
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
  }

  hasNode(key: string): boolean {
    return this.nodes.has(key);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  /** Edges are only kept when both ends are in the graph, so `graph.import()` never fails. */
  addEdge(edge: SerializedEdge): void {
    if (this.nodes.has(edge.source) && this.nodes.has(edge.target) && !this.edges.has(edge.key)) this.edges.set(edge.key, edge);
  }

  add(part: GraphPart): this {
    part.nodes.forEach((node) => this.addNode(node));
    part.edges.forEach((edge) => this.addEdge(edge));
    return this;
  }

  build(attributes: Record<string, unknown> = {}): SerializedGraph {
    const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      attributes,
      // Views hold parallel relationships (two accusations of one actor, SUPPORTS beside CITES), so the graph is multi.
      options: { type: 'directed', multi: true, allowSelfLoops: true },
      nodes: [...this.nodes.values()].sort(byKey),
      edges: [...this.edges.values()].sort(byKey),
    };
  }
}
