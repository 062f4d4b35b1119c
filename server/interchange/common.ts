// Shared pieces of the export formats: graph checks, stable ordering, stance weights, attribute typing, date spans and XML escaping.
import { RELATIONSHIP_TYPES } from '../model/vocabulary';
import { type EdgeType, type NodeType, type SerializedEdge, type SerializedGraph, type SerializedNode } from '../model/wire';

/** What every exporter accepts besides the graph. */
export interface ExportMeta {
  /** ISO 8601 timestamp of the export; the only part of an export allowed to differ between runs. */
  generatedAt: string;
  title: string;
}

/** A graph or dataset that cannot be written or read: `where` names the element, `expected` what it should have been. */
export class InterchangeError extends Error {
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly got?: unknown,
  ) {
    super(`${where}: expected ${expected}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`);
    this.name = 'InterchangeError';
  }
}

export const NODE_TYPES: readonly NodeType[] = ['actor', 'incident', 'claim', 'source'];

const isNodeType = (value: unknown): value is NodeType => (NODE_TYPES as readonly unknown[]).includes(value);
export const isEdgeType = (value: unknown): value is EdgeType => (RELATIONSHIP_TYPES as readonly unknown[]).includes(value);

/**
 * Checks what every format relies on: unique node keys, known node and edge types, edges whose ends exist.
 * Exporters call it first so a malformed view fails with a named element rather than producing a file other tools reject.
 */
export function checkGraph(graph: SerializedGraph): void {
  const keys = new Set<string>();
  graph.nodes.forEach((node, index) => {
    if (typeof node.key !== 'string' || node.key === '') throw new InterchangeError(`nodes[${index}].key`, 'a non-empty string', node.key);
    if (keys.has(node.key)) throw new InterchangeError(`nodes[${index}].key`, 'a key not used by another node', node.key);
    keys.add(node.key);
    if (!isNodeType(node.attributes.type)) {
      throw new InterchangeError(`nodes[${index}] (${node.key}).attributes.type`, `one of ${NODE_TYPES.join(', ')}`, node.attributes.type);
    }
  });
  const edgeKeys = new Set<string>();
  graph.edges.forEach((edge, index) => {
    const where = `edges[${index}] (${edge.key})`;
    if (typeof edge.key !== 'string' || edge.key === '') throw new InterchangeError(`edges[${index}].key`, 'a non-empty string', edge.key);
    if (edgeKeys.has(edge.key)) throw new InterchangeError(`${where}.key`, 'a key not used by another edge', edge.key);
    edgeKeys.add(edge.key);
    if (!isEdgeType(edge.attributes.type))
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

export const STANCE_WEIGHT = { asserts: 1, denies: -1, neither: 0 } as const;

// Edges that belong to one claim and so take its stance when they carry none of their own.
const CLAIM_STANCE_EDGES: ReadonlySet<EdgeType> = new Set<EdgeType>(['MADE', 'ABOUT', 'REPORTED_IN']);

const stanceWeight = (stance: unknown): number | undefined =>
  typeof stance === 'string' && stance in STANCE_WEIGHT ? STANCE_WEIGHT[stance as keyof typeof STANCE_WEIGHT] : undefined;

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

export type DatePrecision = 'year' | 'month' | 'day';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The closed interval of calendar days a partial date covers: a year spans the year, a month the month,
 * a day itself. `precision` may coarsen the date ("2014-12-01" at month precision spans December); when
 * missing it follows from the date's own form.
 */
export function dateSpan(date: unknown, precision?: unknown): { start: string; end: string } | undefined {
  if (typeof date !== 'string') return undefined;
  const match = PARTIAL_DATE.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  const implied: DatePrecision = day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
  const order: DatePrecision[] = ['year', 'month', 'day'];
  const asked = typeof precision === 'string' && (order as string[]).includes(precision) ? (precision as DatePrecision) : implied;
  // A precision finer than the date has cannot be honoured; use what the date gives.
  const effective = order.indexOf(asked) <= order.indexOf(implied) ? asked : implied;
  if (effective === 'year') return { start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31` };
  const m = month ?? 1;
  if (m < 1 || m > 12) return undefined;
  if (effective === 'month')
    return { start: `${pad(year, 4)}-${pad(m)}-01`, end: `${pad(year, 4)}-${pad(m)}-${pad(daysInMonth(year, m))}` };
  const d = day ?? 1;
  if (d < 1 || d > daysInMonth(year, m)) return undefined;
  const iso = `${pad(year, 4)}-${pad(m)}-${pad(d)}`;
  return { start: iso, end: iso };
}

/**
 * The date span an edge lives during on a timeline: that of the dated claim it belongs to (the edge's
 * source if that is a claim, else its target), so Gephi's timeline shows a claim's links with it.
 */
export function edgeSpan(
  edge: SerializedEdge,
  nodesByKey: ReadonlyMap<string, SerializedNode>,
): { start: string; end: string } | undefined {
  for (const key of [edge.source, edge.target]) {
    const node = nodesByKey.get(key);
    if (node?.attributes.type === 'claim') return dateSpan(node.attributes.date, node.attributes.datePrecision);
  }
  return undefined;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and whitespace that attribute-value normalisation would otherwise turn into spaces. */
export function xmlAttribute(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Renders `name="value"` pairs, skipping undefined values, in the order given. */
export function xmlAttributes(pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}
