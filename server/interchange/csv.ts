// Writes a graph view as nodes.csv and edges.csv (RFC 4180) for Gephi's spreadsheet import and Neo4j's LOAD CSV, and zips them.
import { strToU8, zipSync } from 'fflate';
import type { SerializedGraph } from '../model/wire';
import { edgeWeight, formatValue, inferColumns, nodeRecord, orderedGraph } from './common';

/** Lists are joined with this so LOAD CSV can `split(row.aliases, '|')`. */
const CSV_LIST_SEPARATOR = '|';

export const NODE_FIXED_COLUMNS = ['Id', 'Label', 'type'] as const;
/** Gephi reads `Type` as Directed/Undirected, so the relationship type has its own `relationship` column. */
export const EDGE_FIXED_COLUMNS = ['Source', 'Target', 'Type', 'Id', 'Label', 'Weight', 'relationship'] as const;

// Gephi matches column names case-insensitively, so attributes named like its own columns are written under another name.
const NODE_RENAMES: Readonly<Record<string, string>> = { id: 'id_attribute' };
const EDGE_RENAMES: Readonly<Record<string, string>> = {
  source: 'source_attribute',
  target: 'target_attribute',
  id: 'id_attribute',
  label: 'label_attribute',
  weight: 'weight_attribute',
};

/** One RFC 4180 field: quoted only when it holds a quote, comma or line break, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvRow = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

const text = (value: unknown): string => formatValue(value, CSV_LIST_SEPARATOR) ?? '';

/** nodes.csv: `Id,Label,type`, then every other attribute found on any node, sorted by name. */
export function toNodesCsv(graph: SerializedGraph): string {
  const { nodes } = orderedGraph(graph);
  const columns = inferColumns(nodes.map(nodeRecord), { skip: ['label', 'type'], rename: NODE_RENAMES });
  const rows = nodes.map((node) => {
    const record = nodeRecord(node);
    const label = typeof node.attributes.label === 'string' ? node.attributes.label : node.key;
    return csvRow([node.key, label, text(node.attributes.type), ...columns.map((column) => text(record[column.attribute]))]);
  });
  return csvRow([...NODE_FIXED_COLUMNS, ...columns.map((column) => column.name)]) + rows.join('');
}

/** edges.csv: `Source,Target,Type,Id,Label,Weight,relationship`, then every other edge attribute, sorted by name. */
export function toEdgesCsv(graph: SerializedGraph): string {
  const { edges, nodesByKey } = orderedGraph(graph);
  const columns = inferColumns(
    edges.map((edge) => edge.attributes),
    { skip: ['type'], rename: EDGE_RENAMES },
  );
  const rows = edges.map((edge) =>
    csvRow([
      edge.source,
      edge.target,
      'Directed',
      edge.key,
      edge.attributes.type,
      String(edgeWeight(edge, nodesByKey)),
      edge.attributes.type,
      ...columns.map((column) => text((edge.attributes as Record<string, unknown>)[column.attribute])),
    ]),
  );
  return csvRow([...EDGE_FIXED_COLUMNS, ...columns.map((column) => column.name)]) + rows.join('');
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
