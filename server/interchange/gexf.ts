// Writes a graph view as GEXF 1.2draft for Gephi and networkx: typed attributes, weight 1, a kind per relationship and claim dates as timeline spells.
import { dateSpan, type DaySpan } from '../model/dates';
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../model/wire';
import { EDGE_WEIGHT, edgeSpan, formatValue, inferColumns, nodeRecord, orderedGraph, type Column, type ExportMeta } from './common';
import { xmlAttributes, xmlDocument, xmlTextElement, type XmlElement } from './xml';

// Built here, on the shared XML builder, rather than with graphology-gexf's writer: that writer has no spells, no
// dynamic mode and no per-edge `kind`, all of which Gephi needs here.

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

/** An `<attributes class=…>` block declaring each column with its GEXF type, or nothing when there are none. */
function attributesBlock(kind: 'node' | 'edge', columns: readonly Column[]): XmlElement[] {
  if (columns.length === 0) return [];
  // GEXF 1.2draft names its attribute types as Column does: string, integer, long, double, boolean.
  const attribute = columns.map((column) =>
    xmlAttributes([
      ['id', column.name],
      ['title', column.name],
      ['type', column.type],
    ]),
  );
  return [{ ...xmlAttributes([['class', kind]]), attribute }];
}

/** The `<attvalues>` child of a node or edge, or nothing when it has no value in any column. */
function attvalues(record: Record<string, unknown>, columns: readonly Column[]): XmlElement {
  const attvalue = columns.flatMap((column) => {
    const text = formatValue(record[column.attribute], GEXF_LIST_SEPARATOR);
    return text === undefined
      ? []
      : [
          xmlAttributes([
            ['for', column.name],
            ['value', text],
          ]),
        ];
  });
  return attvalue.length === 0 ? {} : { attvalues: { attvalue } };
}

/**
 * The last instant of a span's last day. Gephi reads a bare date as midnight starting that day, so a spell ending on
 * "2014-12-31" would leave a claim dated December 2014 out of a window on 31 December, and a day-precision claim
 * would be an instant. The end is written as a date-time (which 1.2draft's time type allows with timeformat "date",
 * and which networkx keeps as text) in the same zone as the start, so a spell covers its whole last day.
 */
export const spellEnd = (span: DaySpan): string => `${span.end}T23:59:59.999`;

/** The `<spells>` child of a dated claim or its edges, or nothing when undated. */
function spells(span: DaySpan | undefined): XmlElement {
  if (span === undefined) return {};
  const spell = xmlAttributes([
    ['start', span.start],
    ['end', spellEnd(span)],
  ]);
  return { spells: { spell: [spell] } };
}

function nodeElement(node: SerializedNode, columns: readonly Column[]): XmlElement {
  const label = typeof node.attributes.label === 'string' ? node.attributes.label : node.key;
  const span = node.attributes.type === 'claim' ? dateSpan(node.attributes.date, node.attributes.datePrecision) : undefined;
  return {
    ...xmlAttributes([
      ['id', node.key],
      ['label', label],
    ]),
    ...attvalues(nodeRecord(node), columns),
    ...spells(span),
  };
}

function edgeElement(
  edge: SerializedEdge,
  columns: readonly Column[],
  nodesByKey: ReadonlyMap<string, SerializedNode>,
  kind: string,
): XmlElement {
  // `kind` keeps parallel edges apart (see edgeKinds); Gephi would otherwise merge them and add their weights.
  return {
    ...xmlAttributes([
      ['id', edge.key],
      ['source', edge.source],
      ['target', edge.target],
      ['kind', kind],
      ['label', edge.attributes.type],
      ['weight', EDGE_WEIGHT],
    ]),
    ...attvalues(edge.attributes, columns),
    ...spells(edgeSpan(edge, nodesByKey)),
  };
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
  return xmlDocument(root, {
    meta: {
      ...xmlAttributes([['lastmodifieddate', meta.generatedAt.slice(0, 10)]]),
      creator: xmlTextElement([], 'claim-graph'),
      description: xmlTextElement([], meta.title),
    },
    // Dynamic with dates so Gephi's timeline filters claims by when they were made; undated records are always shown.
    graph: {
      ...xmlAttributes([
        ['mode', 'dynamic'],
        ['defaultedgetype', 'directed'],
        ['timeformat', 'date'],
      ]),
      attributes: [...attributesBlock('node', nodeColumns), ...attributesBlock('edge', edgeColumns)],
      nodes: { node: nodes.map((node) => nodeElement(node, nodeColumns)) },
      edges: {
        edge: edges.map((edge) => edgeElement(edge, edgeColumns, nodesByKey, kinds.get(edge.key) ?? edge.attributes.type)),
      },
    },
  });
}
