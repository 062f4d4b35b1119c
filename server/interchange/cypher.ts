// Writes a graph view as a Cypher script of MERGE statements that recreates it in an empty Neo4j with the loader's labels and types.
import { isRelationshipType, RECORD_LABELS } from '../model/vocabulary';
import type { EdgeType, SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';
import { compareText, InterchangeError, orderedGraph } from './common';

/** Separates statements, so a runner can split the script and send them one at a time. */
export const CYPHER_STATEMENT_SEPARATOR = ';\n';

/** The same unique constraint the loader creates, so MERGE on `id` is an index lookup. */
export const CYPHER_SCHEMA_STATEMENT = 'CREATE CONSTRAINT record_id IF NOT EXISTS FOR (n:Record) REQUIRE n.id IS UNIQUE';

/** The loader's constraint on document texts, written only when the script carries documents. */
export const CYPHER_DOCUMENT_SCHEMA_STATEMENT =
  'CREATE CONSTRAINT document_source IF NOT EXISTS FOR (d:Document) REQUIRE d.source IS UNIQUE';

/**
 * Relationship properties that tell apart relationships of one type between the same two nodes, so MERGE must
 * match on them: one claim may accuse the same actor of two incidents, each its own ACCUSES with its `incident`.
 */
const MERGE_KEYS: Partial<Record<EdgeType, readonly string[]>> = { ACCUSES: ['incident'] };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A property key as Cypher text: bare when it is a plain identifier, else backtick-quoted with backticks
 * doubled. Keys with a backslash are refused, because some Neo4j versions read `\u0060` inside a quoted
 * name as a backtick, which would end the quoting early.
 */
export function cypherKey(key: string, where: string): string {
  if (PLAIN_KEY.test(key)) return key;
  if (key === '' || key.includes('\\') || key.includes('\u0000')) {
    throw new InterchangeError(where, 'a property key without backslashes or NUL characters', key);
  }
  return `\`${key.replace(/`/g, '``')}\``;
}

/**
 * A string as a single-quoted Cypher literal. Backslashes are escaped first, so text such as `\u0060` in
 * a value stays literal text instead of becoming an escape sequence; quotes and control characters follow.
 */
function cypherString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${escaped}'`;
}

function cypherNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // JavaScript writes large and small numbers as `1e+21`; Cypher's exponent takes no plus sign.
  return String(value).replace('e+', 'e');
}

/** A property value as a Cypher literal, or undefined when Neo4j would not store it (null, non-finite numbers). */
function cypherValue(value: unknown, where: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return cypherNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) {
    // Neo4j lists must hold one type; a mixed list is kept as text.
    const kinds = new Set(value.map((item) => typeof item));
    const homogeneous = kinds.size <= 1 && [...kinds].every((kind) => kind === 'string' || kind === 'number' || kind === 'boolean');
    const items = homogeneous ? value : value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
    return `[${items.map((item, index) => cypherValue(item, `${where}[${index}]`) ?? 'null').join(', ')}]`;
  }
  // Maps are not valid property values; they are kept as JSON text.
  return cypherString(JSON.stringify(value));
}

function cypherMap(properties: Record<string, unknown>, where: string): string | undefined {
  const entries = Object.keys(properties)
    .sort(compareText)
    .flatMap((key) => {
      const literal = cypherValue(properties[key], `${where}.${key}`);
      return literal === undefined ? [] : [`${cypherKey(key, `${where}.${key}`)}: ${literal}`];
    });
  return entries.length === 0 ? undefined : `{${entries.join(', ')}}`;
}

/**
 * The properties the loader would have stored for a node: the view's attributes less `type` and `label`
 * (which the labels and `name` carry), with `name` and `aliasText` filled in the way the loader sets them
 * so the full-text index finds recreated records too.
 */
function nodeProperties(node: SerializedNode): Record<string, unknown> {
  const { type, label, id: _id, ...properties } = node.attributes as Record<string, unknown>;
  if (type !== 'claim' && properties.name === undefined && typeof label === 'string') properties.name = label;
  if ((type === 'actor' || type === 'incident') && properties.aliasText === undefined && Array.isArray(properties.aliases)) {
    properties.aliasText = properties.aliases.join(' | ');
  }
  return properties;
}

function nodeStatement(node: SerializedNode): string {
  const where = `node ${node.key}`;
  // The loader's label for the node's type; every node also gets `Record`, which carries the unique id.
  const label = RECORD_LABELS[node.attributes.type];
  const properties = cypherMap(nodeProperties(node), where);
  return `MERGE (n:Record {id: ${cypherString(node.key)}}) SET n:${label}${properties === undefined ? '' : `, n += ${properties}`}`;
}

function relationshipType(type: EdgeType, where: string): EdgeType {
  // Checked again here because the type is spliced into the statement as an identifier.
  if (!isRelationshipType(type)) throw new InterchangeError(where, 'a relationship type from the loader’s list', type);
  return type;
}

/**
 * A script that recreates the view: the `Record` id constraint, then one MERGE per node, one per document text
 * given for a source of the view (the `(:Document {source, text})` nodes the source reader reads, with their
 * constraint), and one per relationship, sorted by key, each ending in `;\n`. Labels and relationship types come
 * only from the fixed lists; values are literals, so a record's text can never become Cypher.
 */
export function toCypher(graph: SerializedGraph, documents?: Readonly<Record<string, string>>): string {
  const { nodes, edges } = orderedGraph(graph);
  const documentStatements = nodes
    .filter((node) => node.attributes.type === 'source' && typeof documents?.[node.key] === 'string')
    .map((node) => `MERGE (d:Document {source: ${cypherString(node.key)}}) SET d.text = ${cypherString(documents![node.key]!)}`);
  const statements = [
    CYPHER_SCHEMA_STATEMENT,
    ...(documentStatements.length > 0 ? [CYPHER_DOCUMENT_SCHEMA_STATEMENT] : []),
    ...nodes.map(nodeStatement),
    ...documentStatements,
    ...edges.map(edgeStatement),
  ];
  return statements.map((statement) => statement + CYPHER_STATEMENT_SEPARATOR).join('');
}

function edgeStatement(edge: SerializedEdge): string {
  const where = `edge ${edge.key}`;
  const { type, ...rest } = edge.attributes;
  const keyNames = (MERGE_KEYS[type] ?? []).filter((name) => cypherValue(rest[name], `${where}.${name}`) !== undefined);
  const key = cypherMap(Object.fromEntries(keyNames.map((name) => [name, rest[name]])), where);
  const properties = cypherMap(Object.fromEntries(Object.entries(rest).filter(([name]) => !keyNames.includes(name))), where);
  return (
    `MATCH (a:Record {id: ${cypherString(edge.source)}}) MATCH (b:Record {id: ${cypherString(edge.target)}}) ` +
    `MERGE (a)-[r:${relationshipType(type, where)}${key === undefined ? '' : ` ${key}`}]->(b)${properties === undefined ? '' : ` SET r += ${properties}`}`
  );
}
