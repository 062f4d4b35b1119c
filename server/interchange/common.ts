// Shared pieces of the export formats: the interchange error, graph checks, stable ordering, weights and kinds, attribute typing, lists and date spans.
import { dateSpan, type DaySpan } from '../model/dates';
import { ClaimGraphError, type ErrorCode } from '../model/errors';
import { isRecordType, isRelationshipType, RECORD_TYPES, RELATIONSHIP_TYPES } from '../model/vocabulary';
import { type SerializedEdge, type SerializedGraph, type SerializedNode } from '../model/wire';

/** What every exporter accepts besides the graph. */
export interface ExportMeta {
  /** ISO 8601 timestamp of the export; the only part of an export allowed to differ between runs. */
  generatedAt: string;
  title: string;
  /**
   * The text of each source in the view, by source id. Document texts are not part of the graph (they live in
   * `(:Document)` nodes); formats that can carry them (STIX reports, the Cypher script) write the ones given here.
   */
  documents?: Readonly<Record<string, string>>;
}

/**
 * A graph that cannot be written (code `unexportable_graph`): `where` names the element, `expected` what
 * it should have been. A subclass may pass another interchange code, as UnknownExportFormatError does.
 */
export class InterchangeError extends ClaimGraphError {
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly got?: unknown,
    code: Extract<ErrorCode, 'unexportable_graph' | 'unknown_export_format'> = 'unexportable_graph',
  ) {
    const problem = `expected ${expected}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`;
    super(code, `${where}: ${problem}`, { errors: [{ field: where, message: problem }] });
  }
}

/**
 * Checks what every format relies on: unique node keys, known node and edge types, edges whose ends exist.
 * Exporters call it first so a malformed view fails with a named element rather than producing a file other tools reject.
 */
function checkGraph(graph: SerializedGraph): void {
  const keys = new Set<string>();
  graph.nodes.forEach((node, index) => {
    if (typeof node.key !== 'string' || node.key === '') throw new InterchangeError(`nodes[${index}].key`, 'a non-empty string', node.key);
    if (keys.has(node.key)) throw new InterchangeError(`nodes[${index}].key`, 'a key not used by another node', node.key);
    keys.add(node.key);
    if (!isRecordType(node.attributes.type)) {
      throw new InterchangeError(
        `nodes[${index}] (${node.key}).attributes.type`,
        `one of ${RECORD_TYPES.join(', ')}`,
        node.attributes.type,
      );
    }
  });
  const edgeKeys = new Set<string>();
  graph.edges.forEach((edge, index) => {
    const where = `edges[${index}] (${edge.key})`;
    if (typeof edge.key !== 'string' || edge.key === '') throw new InterchangeError(`edges[${index}].key`, 'a non-empty string', edge.key);
    if (edgeKeys.has(edge.key)) throw new InterchangeError(`${where}.key`, 'a key not used by another edge', edge.key);
    edgeKeys.add(edge.key);
    if (!isRelationshipType(edge.attributes.type))
      throw new InterchangeError(`${where}.attributes.type`, `one of ${RELATIONSHIP_TYPES.join(', ')}`, edge.attributes.type);
    if (!keys.has(edge.source)) throw new InterchangeError(`${where}.source`, 'the key of a node in the graph', edge.source);
    if (!keys.has(edge.target)) throw new InterchangeError(`${where}.target`, 'the key of a node in the graph', edge.target);
  });
}

/** Code-unit order, not locale order, so every machine sorts the same way. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const sortedNodes = (graph: SerializedGraph): SerializedNode[] => [...graph.nodes].sort((a, b) => compareText(a.key, b.key));
export const sortedEdges = (graph: SerializedGraph): SerializedEdge[] => [...graph.edges].sort((a, b) => compareText(a.key, b.key));

/**
 * The weight every edge is written with. Gephi drops edges of weight 0 and networkx's PageRank and Dijkstra need
 * positive weights, so no edge carries a stance in its weight: 1 is the neutral "this link exists". The stance is an
 * attribute of its own, on the edges that have one (ACCUSES) and on claim nodes, and is never copied onto a claim's
 * MADE, ABOUT or REPORTED_IN edges. Views do not merge edges, so no weight counts merged ones.
 */
export const EDGE_WEIGHT = 1;

/**
 * The kind (GEXF `kind`, GraphML `label`, CSV `Kind`) of every edge, by key. Gephi keeps one edge per source, target
 * and kind, so the kind is the relationship type, except where two edges of one type join the same pair in the same
 * direction (one claim accusing one actor of two incidents): each of those takes `TYPE@incident`, or `TYPE#n` when
 * they have no incident to tell them apart, so Gephi keeps both.
 */
export function edgeKinds(edges: readonly SerializedEdge[]): Map<string, string> {
  const groups = new Map<string, SerializedEdge[]>();
  for (const edge of edges) {
    const group = JSON.stringify([edge.source, edge.target, edge.attributes.type]);
    groups.set(group, [...(groups.get(group) ?? []), edge]);
  }
  const kinds = new Map<string, string>();
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => compareText(a.key, b.key));
    const incidents = sorted.map((edge) => (typeof edge.attributes.incident === 'string' ? edge.attributes.incident : undefined));
    const distinct = incidents.every((incident) => incident !== undefined) && new Set(incidents).size === incidents.length;
    sorted.forEach((edge, index) => {
      const type = edge.attributes.type;
      kinds.set(edge.key, sorted.length === 1 ? type : distinct ? `${type}@${incidents[index]!}` : `${type}#${index + 1}`);
    });
  }
  return kinds;
}

export const nodeIndex = (graph: SerializedGraph): Map<string, SerializedNode> => new Map(graph.nodes.map((node) => [node.key, node]));

/** What a writer works from: the graph checked, its nodes and edges sorted by key, and its nodes by key. */
export interface OrderedGraph {
  nodes: SerializedNode[];
  edges: SerializedEdge[];
  nodesByKey: Map<string, SerializedNode>;
  /** Each edge's kind, by edge key (see edgeKinds). */
  kinds: Map<string, string>;
}

/** Checks the graph (see checkGraph) and orders it, the first step of every format but JSON. */
export function orderedGraph(graph: SerializedGraph): OrderedGraph {
  checkGraph(graph);
  return { nodes: sortedNodes(graph), edges: sortedEdges(graph), nodesByKey: nodeIndex(graph), kinds: edgeKinds(graph.edges) };
}

/** The value types the flat formats can declare; lists are written joined, so they declare as strings. */
export type ColumnType = 'string' | 'integer' | 'long' | 'double' | 'boolean';

export interface Column {
  /** The attribute's name in the graph. */
  attribute: string;
  /** The name it is written under (differs only where a format reserves the attribute's own name). */
  name: string;
  type: ColumnType;
}

const INT32_MAX = 2 ** 31 - 1;

function valueType(value: unknown): ColumnType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'string';
    if (!Number.isInteger(value)) return 'double';
    return Math.abs(value) <= INT32_MAX ? 'integer' : 'long';
  }
  return 'string';
}

function mergeTypes(a: ColumnType | undefined, b: ColumnType): ColumnType {
  if (a === undefined || a === b) return b;
  const numeric: ColumnType[] = ['integer', 'long', 'double'];
  if (numeric.includes(a) && numeric.includes(b)) return a === 'double' || b === 'double' ? 'double' : 'long';
  return 'string';
}

/**
 * The union of attributes over a set of records, each with one type that fits every value it takes.
 * `rename` maps names a format reserves to the name written instead; `skip` leaves out attributes the format writes natively.
 */
export function inferColumns(
  records: ReadonlyArray<Record<string, unknown>>,
  options: { skip?: readonly string[]; rename?: Readonly<Record<string, string>> } = {},
): Column[] {
  const types = new Map<string, ColumnType | undefined>();
  for (const record of records) {
    for (const [attribute, value] of Object.entries(record)) {
      if (options.skip?.includes(attribute)) continue;
      const type = valueType(value);
      const known = types.get(attribute);
      types.set(attribute, type === undefined ? known : mergeTypes(known, type));
    }
  }
  return [...types.entries()]
    .filter((entry): entry is [string, ColumnType] => entry[1] !== undefined)
    .map(([attribute, type]) => ({ attribute, name: options.rename?.[attribute] ?? attribute, type }))
    .sort((a, b) => compareText(a.name, b.name));
}

/** A node's attributes without a redundant copy of its key under `id`, which would clash with the formats' own id field. */
export function nodeRecord(node: SerializedNode): Record<string, unknown> {
  const { id, ...rest } = node.attributes as Record<string, unknown>;
  return id === undefined || id === node.key ? rest : { ...rest, id };
}

/** The character that joins list items in every flat format, and the escape that lets an item hold it. */
export const LIST_DELIMITER = '|';

/** One list item with `\` and `|` escaped by a backslash, so `a|b` as one alias survives as `a\|b`. */
export const escapeListItem = (item: string): string => item.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/**
 * A value as text, or undefined when absent. Lists are joined with `separator` (which holds `|`), each item
 * escaped by escapeListItem, because neither GraphML nor CSV has a list type that networkx, Gephi and Neo4j read
 * alike. Only list items are escaped: a plain string is written as it is.
 */
export function formatValue(value: unknown, separator: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => escapeListItem(formatValue(item, separator) ?? '')).join(separator);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * Splits a list written by formatValue back into its items: the inverse of the escaping, for tests and readers.
 * `separator` is the one it was written with (`|` or ` | `).
 */
export function parseList(text: string, separator: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      item += text[++index];
    } else if (text.startsWith(separator, index)) {
      items.push(item);
      item = '';
      index += separator.length - 1;
    } else item += char;
  }
  items.push(item);
  return items;
}

/**
 * The date span an edge lives during on a timeline: that of the dated claim it belongs to (the edge's
 * source if that is a claim, else its target), so Gephi's timeline shows a claim's links with it.
 */
export function edgeSpan(edge: SerializedEdge, nodesByKey: ReadonlyMap<string, SerializedNode>): DaySpan | undefined {
  for (const key of [edge.source, edge.target]) {
    const node = nodesByKey.get(key);
    if (node?.attributes.type === 'claim') return dateSpan(node.attributes.date, node.attributes.datePrecision);
  }
  return undefined;
}
