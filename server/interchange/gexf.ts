// Writes a graph view as GEXF 1.2draft for Gephi and networkx: typed attributes, weight 1, a kind per relationship and claim dates as timeline spells.
import { dateSpan, type DaySpan } from '../model/dates';
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';
import { EDGE_WEIGHT, edgeSpan, formatValue, inferColumns, nodeRecord, orderedGraph, type Column, type ExportMeta } from './common';
import { xmlBlock, xmlDocument, xmlElement, xmlTextElement } from './xml';

// Written by hand rather than with graphology-gexf's writer: that writer has no spells, no dynamic mode
// and no per-edge `kind`, all of which Gephi needs here.

/**
 * GEXF 1.2draft, the version every reader reads: Gephi, Gephi Lite, graphology and networkx 2.x and 3.x (Debian 12's
 * networkx 2.8 knows no other and fails on 1.3 with "No <graph> element in GEXF file"). Nothing written here needs 1.3.
 */
export const GEXF_NAMESPACE = 'http://www.gexf.net/1.2draft';
export const GEXF_VERSION = '1.2';

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

/** Lists are written as one string joined with this (items escaped, see formatValue), since Gephi and networkx read GEXF list values differently. */
const GEXF_LIST_SEPARATOR = ' | ';

function attributesBlock(kind: 'node' | 'edge', columns: readonly Column[], indent: string): string[] {
  if (columns.length === 0) return [];
  // GEXF 1.2draft names its attribute types as Column does: string, integer, long, double, boolean.
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

/**
 * The last instant of a span's last day. Gephi reads a bare date as midnight starting that day, so a spell ending on
 * "2014-12-31" would leave a claim dated December 2014 out of a window on 31 December, and a day-precision claim
 * would be an instant. The end is written as a date-time (which 1.2draft's time type allows with timeformat "date",
 * and which networkx keeps as text) in the same zone as the start, so a spell covers its whole last day.
 */
export const spellEnd = (span: DaySpan): string => `${span.end}T23:59:59.999`;

function spells(span: DaySpan | undefined, indent: string): string[] {
  if (span === undefined) return [];
  const spell = xmlElement(`${indent}  `, 'spell', [
    ['start', span.start],
    ['end', spellEnd(span)],
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

function edgeElement(
  edge: SerializedEdge,
  columns: readonly Column[],
  nodesByKey: ReadonlyMap<string, SerializedNode>,
  kind: string,
): string[] {
  const children = [...attvalues(edge.attributes, columns, '        '), ...spells(edgeSpan(edge, nodesByKey), '        ')];
  // `kind` keeps parallel edges apart (see edgeKinds); Gephi would otherwise merge them and add their weights.
  return xmlElement(
    '      ',
    'edge',
    [
      ['id', edge.key],
      ['source', edge.source],
      ['target', edge.target],
      ['kind', kind],
      ['label', edge.attributes.type],
      ['weight', EDGE_WEIGHT],
    ],
    children,
  );
}

/**
 * The view as a directed, dynamic GEXF 1.2draft document. Nodes and edges are sorted by key and attributes by
 * name, so the same view always gives the same text apart from `meta/@lastmodifieddate`.
 */
export function toGexf(graph: SerializedGraph, meta: ExportMeta): string {
  const { nodes, edges, nodesByKey, kinds } = orderedGraph(graph);
  // `label` is GEXF's own node field, so it is not repeated as an attribute.
  const nodeColumns = inferColumns(nodes.map(nodeRecord), { skip: ['label'] });
  const edgeColumns = inferColumns(
    edges.map((edge) => edge.attributes),
    { rename: GEXF_EDGE_RENAMES },
  );
  const root = {
    name: 'gexf',
    namespace: GEXF_NAMESPACE,
    schema: `${GEXF_NAMESPACE}/gexf.xsd`,
    attributes: [['version', GEXF_VERSION]] as const,
  };
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
          edges.flatMap((edge) => edgeElement(edge, edgeColumns, nodesByKey, kinds.get(edge.key) ?? edge.attributes.type)),
        ),
      ],
    ),
  ]);
}
