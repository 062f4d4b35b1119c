// Turns the API's serialized graphs into one styled graphology graph: merges nodes and edges, styles them, places new ones.
import Graph from 'graphology';
import type { GraphView } from '../../../../server/model/api';
import { RECORD_TYPES, isRecordType, isRelationshipType, type Stance } from '../../../../server/model/vocabulary';
import type { EdgeAttributes, NodeType } from '../../../../server/model/wire';
import { InvalidResponseError, describeValue } from '../errors';
import { positionNear, seedPosition } from './layout';
import { NODE_TYPE_STYLE, edgeStyle, nodeColor, nodeSize, shortLabel } from './style';

/** The serialized graph as the API contract (zod) describes it: a claim's stance may be null there. */
export type WireGraph = GraphView['graph'];

/** A node as the view keeps it: the API's attributes plus position and style. `type` stays the API's node type. */
export interface ViewNodeAttributes {
  type: NodeType;
  label: string;
  kind?: string | null;
  aliases?: string[];
  description?: string | null;
  start?: string | null;
  end?: string | null;
  text?: string | null;
  quote?: string | null;
  stance?: Stance | null;
  confidence?: string | null;
  hedge?: string | null;
  date?: string | null;
  datePrecision?: string | null;
  title?: string | null;
  publisher?: string | null;
  author?: string | null;
  published?: string | null;
  url?: string | null;
  documentRef?: string | null;
  x: number;
  y: number;
  size: number;
  color: string;
  /** What the canvas draws; `label` keeps the full text for the panel and exports. */
  shortLabel: string;
  [key: string]: unknown;
}

/** An edge as the view keeps it: `type` stays the relationship type, which is also the name of its edge program. */
export interface ViewEdgeAttributes extends EdgeAttributes {
  color: string;
  size: number;
}

export type ExplorerGraph = Graph<ViewNodeAttributes, ViewEdgeAttributes>;

export function createExplorerGraph(): ExplorerGraph {
  // Multi: a claim can be ABOUT and ACCUSE the same actor, two edges between one pair of nodes.
  return new Graph<ViewNodeAttributes, ViewEdgeAttributes>({ type: 'directed', multi: true, allowSelfLoops: true });
}

export interface MergeResult {
  /** Nodes that were not in the graph before. */
  added: string[];
  /** Every node id the serialized graph held. */
  nodes: string[];
  /** Every edge key the serialized graph held. */
  edges: string[];
}

export interface MergeOptions {
  /** Known positions (kept from an earlier layout); new nodes without one are placed near a neighbour or seeded. */
  positions?: ReadonlyMap<string, { x: number; y: number }>;
  where?: string;
  /** The layout seed new nodes are placed with (settings.layoutSeed); the same seed places them the same way. */
  seed?: number;
}

/** The seed when a caller names none; the same as the explorer's default setting. */
export const DEFAULT_LAYOUT_SEED = 1;

/** Restyles a node from its attributes and current degree. */
export function styleNode(graph: ExplorerGraph, node: string): void {
  const attributes = graph.getNodeAttributes(node);
  graph.mergeNodeAttributes(node, {
    color: nodeColor(attributes.type, attributes),
    size: nodeSize(attributes.type, graph.degree(node)),
    shortLabel: shortLabel(attributes.label),
  });
}

/**
 * Merges a serialized graph from the API into `graph`. Existing nodes keep their position; their attributes are
 * updated. Throws an InvalidResponseError naming `where` when a node or edge is not of the expected shape.
 */
export function mergeSerializedGraph(graph: ExplorerGraph, serialized: WireGraph, options: MergeOptions = {}): MergeResult {
  const where = options.where ?? 'graph';
  const added: string[] = [];
  const nodes: string[] = [];
  const edges: string[] = [];
  if (!Array.isArray(serialized?.nodes) || !Array.isArray(serialized?.edges)) {
    throw new InvalidResponseError(where, 'a serialized graph with "nodes" and "edges" arrays', describeValue(serialized));
  }
  for (const entry of serialized.nodes) {
    const attributes = entry?.attributes;
    if (
      typeof entry?.key !== 'string' ||
      attributes === undefined ||
      !isRecordType(attributes.type) ||
      typeof attributes.label !== 'string'
    ) {
      throw new InvalidResponseError(
        `${where} node ${JSON.stringify(entry?.key)}`,
        `a key, a type (${RECORD_TYPES.join(', ')}) and a label`,
        describeValue(attributes),
      );
    }
    nodes.push(entry.key);
    if (graph.hasNode(entry.key)) {
      graph.mergeNodeAttributes(entry.key, attributes);
    } else {
      const known = options.positions?.get(entry.key);
      // Size, colour and short label are placeholders until styleNode below sets them.
      const placeholder = { size: 1, color: NODE_TYPE_STYLE[attributes.type].color, shortLabel: '' };
      graph.addNode(entry.key, { ...attributes, x: known?.x ?? NaN, y: known?.y ?? NaN, ...placeholder });
      added.push(entry.key);
    }
  }
  for (const entry of serialized.edges) {
    const attributes = entry?.attributes;
    if (typeof entry?.key !== 'string' || attributes === undefined || !isRelationshipType(attributes.type)) {
      throw new InvalidResponseError(
        `${where} edge ${JSON.stringify(entry?.key)}`,
        'a key and a relationship type',
        describeValue(attributes),
      );
    }
    if (!graph.hasNode(entry.source) || !graph.hasNode(entry.target)) {
      throw new InvalidResponseError(
        `${where} edge ${JSON.stringify(entry.key)}`,
        "both ends among the graph's nodes",
        `${entry.source} → ${entry.target}`,
      );
    }
    edges.push(entry.key);
    const style = edgeStyle(attributes.type, attributes);
    const styled = { ...attributes, color: style.color, size: style.size };
    if (graph.hasEdge(entry.key)) graph.mergeEdgeAttributes(entry.key, styled);
    else graph.addDirectedEdgeWithKey(entry.key, entry.source, entry.target, styled);
  }
  placeNewNodes(graph, added, options.seed ?? DEFAULT_LAYOUT_SEED);
  const touched = new Set(added);
  for (const key of edges) {
    touched.add(graph.source(key));
    touched.add(graph.target(key));
  }
  for (const node of nodes) touched.add(node);
  for (const node of touched) styleNode(graph, node);
  return { added, nodes, edges };
}

/** New nodes without a known position go next to an already placed neighbour, else to their seed position. */
function placeNewNodes(graph: ExplorerGraph, added: string[], seed: number): void {
  const pending = added.filter((node) => !Number.isFinite(graph.getNodeAttribute(node, 'x')));
  // Two passes let a node placed in the first pass anchor its own new neighbours in the second.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const node of pending) {
      if (Number.isFinite(graph.getNodeAttribute(node, 'x'))) continue;
      const anchor = graph.findNeighbor(
        node,
        (neighbor, attributes) => Number.isFinite(attributes.x) && Number.isFinite(attributes.y) && neighbor !== node,
      );
      if (anchor !== undefined) graph.mergeNodeAttributes(node, positionNear(graph.getNodeAttributes(anchor), node, seed));
    }
  }
  for (const node of pending) {
    if (!Number.isFinite(graph.getNodeAttribute(node, 'x'))) graph.mergeNodeAttributes(node, seedPosition(node, graph.order, seed));
  }
}

/** Whether the graph already had every one of `nodes` placed (nothing new to lay out). */
export function allPlaced(graph: ExplorerGraph): boolean {
  return graph.everyNode((_node, attributes) => Number.isFinite(attributes.x) && Number.isFinite(attributes.y));
}

/** What the filter form and the timeline offer: every source as [id, title] by title, and every claim's date. */
export function graphFacets(graph: ExplorerGraph): { sources: Array<[string, string]>; claimDates: Array<string | null> } {
  const sources: Array<[string, string]> = [];
  const claimDates: Array<string | null> = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.type === 'source') sources.push([node, attributes.label]);
    if (attributes.type === 'claim') claimDates.push(typeof attributes.date === 'string' ? attributes.date : null);
  });
  sources.sort((a, b) => a[1].localeCompare(b[1]));
  return { sources, claimDates };
}
