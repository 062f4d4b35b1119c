// Shared pieces of the export formats: the interchange error, graph checks, stable ordering, stance weights, attribute typing and date spans.
import { dateSpan, type DaySpan } from '../model/dates';
import { ClaimGraphError, type ErrorCode } from '../model/errors';
import { isRecordType, isRelationshipType, RECORD_TYPES, RELATIONSHIP_TYPES, type Stance } from '../model/vocabulary';
import { type EdgeType, type SerializedEdge, type SerializedGraph, type SerializedNode } from '../model/wire';

/** What every exporter accepts besides the graph. */
export interface ExportMeta {
  /** ISO 8601 timestamp of the export; the only part of an export allowed to differ between runs. */
  generatedAt: string;
  title: string;
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

const STANCE_WEIGHT: Readonly<Record<Stance, number>> = { asserts: 1, denies: -1, neither: 0 };

// Edges that belong to one claim and so take its stance when they carry none of their own.
const CLAIM_STANCE_EDGES: ReadonlySet<EdgeType> = new Set<EdgeType>(['MADE', 'ABOUT', 'REPORTED_IN']);

const stanceWeight = (stance: unknown): number | undefined =>
  typeof stance === 'string' && stance in STANCE_WEIGHT ? STANCE_WEIGHT[stance as Stance] : undefined;

/**
 * The signed weight of an edge: +1 asserts, −1 denies, 0 neither. The stance is the edge's own `stance`
 * (ACCUSES), else that of the claim a MADE/ABOUT/REPORTED_IN edge belongs to. Every other edge — and the
 * edges of claims without a stance (observations, threats) — weighs 1: Gephi and networkx treat weight as
 * strength, and 1 is the neutral "this link exists", whereas 0 would make layouts and metrics ignore it.
 */
export function edgeWeight(edge: SerializedEdge, nodesByKey: ReadonlyMap<string, SerializedNode>): number {
  const own = stanceWeight(edge.attributes.stance);
  if (own !== undefined) return own;
  if (CLAIM_STANCE_EDGES.has(edge.attributes.type)) {
    // MADE points actor → claim; ABOUT and REPORTED_IN point claim → record.
    const claim = [nodesByKey.get(edge.target), nodesByKey.get(edge.source)].find((node) => node?.attributes.type === 'claim');
    const claimWeight = stanceWeight(claim?.attributes.stance);
    if (claimWeight !== undefined) return claimWeight;
  }
  return 1;
}

export const nodeIndex = (graph: SerializedGraph): Map<string, SerializedNode> => new Map(graph.nodes.map((node) => [node.key, node]));

/** What a writer works from: the graph checked, its nodes and edges sorted by key, and its nodes by key. */
export interface OrderedGraph {
  nodes: SerializedNode[];
  edges: SerializedEdge[];
  nodesByKey: Map<string, SerializedNode>;
}

/** Checks the graph (see checkGraph) and orders it, the first step of every format but JSON. */
export function orderedGraph(graph: SerializedGraph): OrderedGraph {
  checkGraph(graph);
  return { nodes: sortedNodes(graph), edges: sortedEdges(graph), nodesByKey: nodeIndex(graph) };
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

/**
 * A value as text, or undefined when absent. Lists are joined with
 * `separator` because neither GraphML nor CSV has a list type that networkx, Gephi and Neo4j read alike.
 */
export function formatValue(value: unknown, separator: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => formatValue(item, separator) ?? '').join(separator);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
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
