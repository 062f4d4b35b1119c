// Writes a graph view as GEXF 1.3 for Gephi: typed attributes, signed stance weights and claim dates as timeline spells.
import { dateSpan, type DaySpan } from '../model/dates';
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';
import { edgeSpan, edgeWeight, formatValue, inferColumns, nodeRecord, orderedGraph, type Column, type ExportMeta } from './common';
import { xmlBlock, xmlDocument, xmlElement, xmlTextElement } from './xml';

// Written by hand rather than with graphology-gexf's writer: that writer has no spells, no dynamic mode
// and no per-edge `kind`, all of which Gephi needs here.

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';

/**
 * Edge attributes whose names Gephi already uses for its own edge columns. The relationship type goes
 * under `relationship` because Gephi's "Type" means directed/undirected.
 */
const GEXF_EDGE_RENAMES: Readonly<Record<string, string>> = {
  type: 'relationship',
  weight: 'weight_attribute',
  label: 'label_attribute',
  kind: 'kind_attribute',
};

/** Lists are written as one string joined with this, since Gephi and networkx read GEXF list values differently. */
const GEXF_LIST_SEPARATOR = ' | ';

function attributesBlock(kind: 'node' | 'edge', columns: readonly Column[], indent: string): string[] {
  if (columns.length === 0) return [];
  // GEXF 1.3 names its attribute types as Column does: string, integer, long, double, boolean.
  const declarations = columns.flatMap((column) =>
    xmlElement(`${indent}  `, 'attribute', [
      ['id', column.name],
      ['title', column.name],
      ['type', column.type],
    ]),
  );
  return xmlBlock(indent, 'attributes', [['class', kind]], declarations);
}

function attvalues(record: Record<string, unknown>, columns: readonly Column[], indent: string): string[] {
  const values = columns.flatMap((column) => {
    const text = formatValue(record[column.attribute], GEXF_LIST_SEPARATOR);
    return text === undefined
      ? []
      : xmlElement(`${indent}  `, 'attvalue', [
          ['for', column.name],
          ['value', text],
        ]);
  });
  return values.length === 0 ? [] : xmlBlock(indent, 'attvalues', [], values);
}

function spells(span: DaySpan | undefined, indent: string): string[] {
  if (span === undefined) return [];
  const spell = xmlElement(`${indent}  `, 'spell', [
    ['start', span.start],
    ['end', span.end],
  ]);
  return xmlBlock(indent, 'spells', [], spell);
}

function nodeElement(node: SerializedNode, columns: readonly Column[]): string[] {
  const label = typeof node.attributes.label === 'string' ? node.attributes.label : node.key;
  const span = node.attributes.type === 'claim' ? dateSpan(node.attributes.date, node.attributes.datePrecision) : undefined;
  const children = [...attvalues(nodeRecord(node), columns, '        '), ...spells(span, '        ')];
  return xmlElement(
    '      ',
    'node',
    [
      ['id', node.key],
      ['label', label],
    ],
    children,
  );
}

function edgeElement(edge: SerializedEdge, columns: readonly Column[], nodesByKey: ReadonlyMap<string, SerializedNode>): string[] {
  const children = [...attvalues(edge.attributes, columns, '        '), ...spells(edgeSpan(edge, nodesByKey), '        ')];
  // `kind` keeps parallel edges of different relationship types apart; Gephi would otherwise merge them and add their weights.
  return xmlElement(
    '      ',
    'edge',
    [
      ['id', edge.key],
      ['source', edge.source],
      ['target', edge.target],
      ['kind', edge.attributes.type],
      ['label', edge.attributes.type],
      ['weight', edgeWeight(edge, nodesByKey)],
    ],
    children,
  );
}

/**
 * The view as a directed, dynamic GEXF 1.3 document. Nodes and edges are sorted by key and attributes by
 * name, so the same view always gives the same text apart from `meta/@lastmodifieddate`.
 */
export function toGexf(graph: SerializedGraph, meta: ExportMeta): string {
  const { nodes, edges, nodesByKey } = orderedGraph(graph);
  // `label` is GEXF's own node field, so it is not repeated as an attribute.
  const nodeColumns = inferColumns(nodes.map(nodeRecord), { skip: ['label'] });
  const edgeColumns = inferColumns(
    edges.map((edge) => edge.attributes),
    { rename: GEXF_EDGE_RENAMES },
  );
  const root = { name: 'gexf', namespace: GEXF_NAMESPACE, schema: `${GEXF_NAMESPACE}/gexf.xsd`, attributes: [['version', '1.3']] as const };
  return xmlDocument(root, [
    ...xmlBlock(
      '  ',
      'meta',
      [['lastmodifieddate', meta.generatedAt.slice(0, 10)]],
      [xmlTextElement('    ', 'creator', [], 'claim-graph'), xmlTextElement('    ', 'description', [], meta.title)],
    ),
    // Dynamic with dates so Gephi's timeline filters claims by when they were made; undated records are always shown.
    ...xmlBlock(
      '  ',
      'graph',
      [
        ['mode', 'dynamic'],
        ['defaultedgetype', 'directed'],
        ['timeformat', 'date'],
      ],
      [
        ...attributesBlock('node', nodeColumns, '    '),
        ...attributesBlock('edge', edgeColumns, '    '),
        ...xmlBlock(
          '    ',
          'nodes',
          [],
          nodes.flatMap((node) => nodeElement(node, nodeColumns)),
        ),
        ...xmlBlock(
          '    ',
          'edges',
          [],
          edges.flatMap((edge) => edgeElement(edge, edgeColumns, nodesByKey)),
        ),
      ],
    ),
  ]);
}
