// Writes a graph view as nodes.csv and edges.csv (RFC 4180) for Gephi's spreadsheet import and Neo4j's LOAD CSV, and zips them.
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import type { SerializedGraph } from '../model/wire';
import { EDGE_WEIGHT, formatValue, inferColumns, LIST_DELIMITER, nodeRecord, orderedGraph } from './common';

/**
 * Lists are joined with this, each item escaped (`\|` inside an item, `\\` for a backslash; see formatValue). LOAD CSV
 * can still `split(row.aliases, '|')` when no item holds the delimiter.
 */
const CSV_LIST_SEPARATOR = LIST_DELIMITER;

export const NODE_FIXED_COLUMNS = ['Id', 'Label', 'type'] as const;
/**
 * Gephi reads `Type` as Directed/Undirected and `Kind` as its edge type (it keeps one edge per pair and kind, see
 * edgeKinds), so the relationship type has its own `relationship` column.
 */
export const EDGE_FIXED_COLUMNS = ['Source', 'Target', 'Type', 'Kind', 'Id', 'Label', 'Weight', 'relationship'] as const;

// Gephi matches column names case-insensitively, so attributes named like its own columns are written under another name.
const NODE_RENAMES: Readonly<Record<string, string>> = { id: 'id_attribute' };
const EDGE_RENAMES: Readonly<Record<string, string>> = {
  source: 'source_attribute',
  target: 'target_attribute',
  id: 'id_attribute',
  label: 'label_attribute',
  weight: 'weight_attribute',
  kind: 'kind_attribute',
};

/**
 * RFC 4180 rows with CRLF ends, written by csv-stringify: a field is quoted when it holds a quote, a comma or a line
 * break, with quotes doubled. csv-stringify quotes only the record delimiter itself, so a lone CR or LF is matched here.
 */
const csvRows = (rows: ReadonlyArray<readonly string[]>): string =>
  stringify(rows as string[][], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });

const text = (value: unknown): string => formatValue(value, CSV_LIST_SEPARATOR) ?? '';

/** nodes.csv: `Id,Label,type`, then every other attribute found on any node, sorted by name. */
export function toNodesCsv(graph: SerializedGraph): string {
  const { nodes } = orderedGraph(graph);
  const columns = inferColumns(nodes.map(nodeRecord), { skip: ['label', 'type'], rename: NODE_RENAMES });
  const rows = nodes.map((node) => {
    const record = nodeRecord(node);
    const label = typeof node.attributes.label === 'string' ? node.attributes.label : node.key;
    return [node.key, label, text(node.attributes.type), ...columns.map((column) => text(record[column.attribute]))];
  });
  return csvRows([[...NODE_FIXED_COLUMNS, ...columns.map((column) => column.name)], ...rows]);
}

/** edges.csv: `Source,Target,Type,Kind,Id,Label,Weight,relationship`, then every other edge attribute, sorted by name. */
export function toEdgesCsv(graph: SerializedGraph): string {
  const { edges, kinds } = orderedGraph(graph);
  const columns = inferColumns(
    edges.map((edge) => edge.attributes),
    { skip: ['type'], rename: EDGE_RENAMES },
  );
  const rows = edges.map((edge) => [
    edge.source,
    edge.target,
    'Directed',
    kinds.get(edge.key) ?? edge.attributes.type,
    edge.key,
    edge.attributes.type,
    String(EDGE_WEIGHT),
    edge.attributes.type,
    ...columns.map((column) => text((edge.attributes as Record<string, unknown>)[column.attribute])),
  ]);
  return csvRows([[...EDGE_FIXED_COLUMNS, ...columns.map((column) => column.name)], ...rows]);
}

/**
 * A zip holding nodes.csv and edges.csv. Entries carry a fixed modification time so the same view gives
 * the same bytes; it is built from local-time parts because zip stores local time and fflate reads the
 * Date's local fields, so 2000-01-01 00:00 is written on any machine whatever its time zone.
 */
export function toCsvZip(graph: SerializedGraph): Buffer {
  const mtime = new Date(2000, 0, 1, 0, 0, 0);
  const zipped = zipSync(
    {
      'nodes.csv': [strToU8(toNodesCsv(graph)), { mtime }],
      'edges.csv': [strToU8(toEdgesCsv(graph)), { mtime }],
    },
    { level: 6 },
  );
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
