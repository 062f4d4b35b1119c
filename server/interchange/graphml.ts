// Writes a graph view as GraphML that networkx, yEd and Gephi read: declared keys, standard types only, signed stance weights.
import type { SerializedGraph } from '../model/wire';
import {
  checkGraph,
  edgeWeight,
  formatValue,
  inferColumns,
  nodeIndex,
  nodeRecord,
  sortedEdges,
  sortedNodes,
  xmlAttributes,
  xmlText,
  type Column,
  type ExportMeta,
} from './common';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

/** GraphML's attr.type names; `integer` becomes `int` (networkx has no other name for it). */
const GRAPHML_TYPES: Record<Column['type'], string> = {
  string: 'string',
  integer: 'int',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
};

/** The relationship type is written as `relationship`, the same name as in GEXF and CSV; `weight` is the computed stance weight. */
export const GRAPHML_EDGE_RENAMES: Readonly<Record<string, string>> = { type: 'relationship', weight: 'weight_attribute' };

/** GraphML has no list type networkx reads, so lists are joined with this. */
export const GRAPHML_LIST_SEPARATOR = ' | ';

// An attribute name no graph attribute can have, so the computed weight never collides with one.
const WEIGHT = '\u0000weight';

interface Key extends Column {
  id: string;
  for: 'graph' | 'node' | 'edge';
}

const keyElement = (key: Key) =>
  `  <key${xmlAttributes([
    ['id', key.id],
    ['for', key.for],
    ['attr.name', key.name],
    ['attr.type', GRAPHML_TYPES[key.type]],
  ])}/>`;

function dataElements(record: Record<string, unknown>, keys: readonly Key[], indent: string): string[] {
  return keys.flatMap((key) => {
    const text = formatValue(record[key.attribute], GRAPHML_LIST_SEPARATOR);
    return text === undefined ? [] : [`${indent}<data key="${key.id}">${xmlText(text)}</data>`];
  });
}

/**
 * The view as a directed GraphML document. Key ids are positional (g0, n0, e0…) because attribute names
 * need not be XML name tokens; nodes, edges and keys are sorted, so only the `generatedAt` graph datum varies.
 */
export function toGraphml(graph: SerializedGraph, meta: ExportMeta): string {
  checkGraph(graph);
  const nodes = sortedNodes(graph);
  const edges = sortedEdges(graph);
  const nodesByKey = nodeIndex(graph);
  const graphKeys: Key[] = [
    { attribute: 'title', name: 'title', type: 'string' as const },
    { attribute: 'generatedAt', name: 'generatedAt', type: 'string' as const },
  ].map((column, index) => ({ ...column, id: `g${index}`, for: 'graph' }));
  const nodeKeys: Key[] = inferColumns(nodes.map(nodeRecord)).map((column, index) => ({ ...column, id: `n${index}`, for: 'node' }));
  const weightedEdges = edges.map((edge) => ({ edge, record: { ...edge.attributes, [WEIGHT]: edgeWeight(edge, nodesByKey) } }));
  const edgeKeys: Key[] = inferColumns(
    weightedEdges.map(({ record }) => record),
    { rename: { ...GRAPHML_EDGE_RENAMES, [WEIGHT]: 'weight' } },
  ).map((column, index) => ({ ...column, type: column.attribute === WEIGHT ? 'double' : column.type, id: `e${index}`, for: 'edge' }));

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd">`,
    ...[...graphKeys, ...nodeKeys, ...edgeKeys].map(keyElement),
    '  <graph id="claim-graph" edgedefault="directed">',
    ...dataElements({ title: meta.title, generatedAt: meta.generatedAt }, graphKeys, '    '),
    ...nodes.flatMap((node) => {
      const data = dataElements(nodeRecord(node), nodeKeys, '      ');
      const open = `    <node${xmlAttributes([['id', node.key]])}`;
      return data.length === 0 ? [`${open}/>`] : [`${open}>`, ...data, '    </node>'];
    }),
    ...weightedEdges.flatMap(({ edge, record }) => {
      const data = dataElements(record, edgeKeys, '      ');
      const open = `    <edge${xmlAttributes([
        ['id', edge.key],
        ['source', edge.source],
        ['target', edge.target],
      ])}`;
      return data.length === 0 ? [`${open}/>`] : [`${open}>`, ...data, '    </edge>'];
    }),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}
