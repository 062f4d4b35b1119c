// Writes a graph view as GEXF 1.3 for Gephi: typed attributes, signed stance weights and claim dates as timeline spells.
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';
import {
  checkGraph,
  edgeSpan,
  edgeWeight,
  formatValue,
  inferColumns,
  nodeIndex,
  nodeRecord,
  dateSpan,
  sortedEdges,
  sortedNodes,
  xmlAttributes,
  xmlText,
  type Column,
  type ExportMeta,
} from './common';

// Written by hand rather than with graphology-gexf's writer: that writer has no spells, no dynamic mode
// and no per-edge `kind`, all of which Gephi needs here.

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';

/** GEXF 1.3 names for the column types. */
const GEXF_TYPES: Record<Column['type'], string> = {
  string: 'string',
  integer: 'integer',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
};

/**
 * Edge attributes whose names Gephi already uses for its own edge columns. The relationship type goes
 * under `relationship` because Gephi's "Type" means directed/undirected.
 */
export const GEXF_EDGE_RENAMES: Readonly<Record<string, string>> = {
  type: 'relationship',
  weight: 'weight_attribute',
  label: 'label_attribute',
  kind: 'kind_attribute',
};

/** Lists are written as one string joined with this, since Gephi and networkx read GEXF list values differently. */
export const GEXF_LIST_SEPARATOR = ' | ';

function attributesBlock(kind: 'node' | 'edge', columns: readonly Column[], indent: string): string[] {
  if (columns.length === 0) return [];
  return [
    `${indent}<attributes class="${kind}">`,
    ...columns.map(
      (column) =>
        `${indent}  <attribute${xmlAttributes([
          ['id', column.name],
          ['title', column.name],
          ['type', GEXF_TYPES[column.type]],
        ])}/>`,
    ),
    `${indent}</attributes>`,
  ];
}

function attvalues(record: Record<string, unknown>, columns: readonly Column[], indent: string): string[] {
  const values = columns.flatMap((column) => {
    const text = formatValue(record[column.attribute], GEXF_LIST_SEPARATOR);
    return text === undefined
      ? []
      : [
          `${indent}  <attvalue${xmlAttributes([
            ['for', column.name],
            ['value', text],
          ])}/>`,
        ];
  });
  return values.length === 0 ? [] : [`${indent}<attvalues>`, ...values, `${indent}</attvalues>`];
}

function spells(span: { start: string; end: string } | undefined, indent: string): string[] {
  if (span === undefined) return [];
  return [
    `${indent}<spells>`,
    `${indent}  <spell${xmlAttributes([
      ['start', span.start],
      ['end', span.end],
    ])}/>`,
    `${indent}</spells>`,
  ];
}

function nodeElement(node: SerializedNode, columns: readonly Column[]): string[] {
  const label = typeof node.attributes.label === 'string' ? node.attributes.label : node.key;
  const span = node.attributes.type === 'claim' ? dateSpan(node.attributes.date, node.attributes.datePrecision) : undefined;
  const children = [...attvalues(nodeRecord(node), columns, '        '), ...spells(span, '        ')];
  const open = `      <node${xmlAttributes([
    ['id', node.key],
    ['label', label],
  ])}`;
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, '      </node>'];
}

function edgeElement(edge: SerializedEdge, columns: readonly Column[], nodesByKey: ReadonlyMap<string, SerializedNode>): string[] {
  const children = [...attvalues(edge.attributes, columns, '        '), ...spells(edgeSpan(edge, nodesByKey), '        ')];
  // `kind` keeps parallel edges of different relationship types apart; Gephi would otherwise merge them and add their weights.
  const open = `      <edge${xmlAttributes([
    ['id', edge.key],
    ['source', edge.source],
    ['target', edge.target],
    ['kind', edge.attributes.type],
    ['label', edge.attributes.type],
    ['weight', edgeWeight(edge, nodesByKey)],
  ])}`;
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, '      </edge>'];
}

/**
 * The view as a directed, dynamic GEXF 1.3 document. Nodes and edges are sorted by key and attributes by
 * name, so the same view always gives the same text apart from `meta/@lastmodifieddate`.
 */
export function toGexf(graph: SerializedGraph, meta: ExportMeta): string {
  checkGraph(graph);
  const nodes = sortedNodes(graph);
  const edges = sortedEdges(graph);
  const nodesByKey = nodeIndex(graph);
  // `label` is GEXF's own node field, so it is not repeated as an attribute.
  const nodeColumns = inferColumns(nodes.map(nodeRecord), { skip: ['label'] });
  const edgeColumns = inferColumns(
    edges.map((edge) => edge.attributes),
    { rename: GEXF_EDGE_RENAMES },
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd" version="1.3">`,
    `  <meta${xmlAttributes([['lastmodifieddate', meta.generatedAt.slice(0, 10)]])}>`,
    '    <creator>claim-graph</creator>',
    `    <description>${xmlText(meta.title)}</description>`,
    '  </meta>',
    // Dynamic with dates so Gephi's timeline filters claims by when they were made; undated records are always shown.
    '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">',
    ...attributesBlock('node', nodeColumns, '    '),
    ...attributesBlock('edge', edgeColumns, '    '),
    '    <nodes>',
    ...nodes.flatMap((node) => nodeElement(node, nodeColumns)),
    '    </nodes>',
    '    <edges>',
    ...edges.flatMap((edge) => edgeElement(edge, edgeColumns, nodesByKey)),
    '    </edges>',
    '  </graph>',
    '</gexf>',
  ];
  return `${lines.join('\n')}\n`;
}
