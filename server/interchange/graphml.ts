// Writes a graph view as GraphML that networkx, yEd and Gephi read: declared keys, standard types only, signed stance weights.
import type { SerializedGraph } from '../model/wire';
import { edgeWeight, formatValue, inferColumns, nodeRecord, orderedGraph, type Column, type ExportMeta } from './common';
import { xmlBlock, xmlDocument, xmlElement, xmlTextElement } from './xml';

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
const GRAPHML_EDGE_RENAMES: Readonly<Record<string, string>> = { type: 'relationship', weight: 'weight_attribute' };

/** GraphML has no list type networkx reads, so lists are joined with this. */
const GRAPHML_LIST_SEPARATOR = ' | ';

// An attribute name no graph attribute can have, so the computed weight never collides with one.
const WEIGHT = '\u0000weight';

interface Key extends Column {
  id: string;
  for: 'graph' | 'node' | 'edge';
}

const keyElement = (key: Key) =>
  xmlElement('  ', 'key', [
    ['id', key.id],
    ['for', key.for],
    ['attr.name', key.name],
    ['attr.type', GRAPHML_TYPES[key.type]],
  ]);

function dataElements(record: Record<string, unknown>, keys: readonly Key[], indent: string): string[] {
  return keys.flatMap((key) => {
    const text = formatValue(record[key.attribute], GRAPHML_LIST_SEPARATOR);
    return text === undefined ? [] : [xmlTextElement(indent, 'data', [['key', key.id]], text)];
  });
}

/**
 * The view as a directed GraphML document. Key ids are positional (g0, n0, e0…) because attribute names
 * need not be XML name tokens; nodes, edges and keys are sorted, so only the `generatedAt` graph datum varies.
 */
export function toGraphml(graph: SerializedGraph, meta: ExportMeta): string {
  const { nodes, edges, nodesByKey } = orderedGraph(graph);
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

  const root = { name: 'graphml', namespace: GRAPHML_NAMESPACE, schema: `${GRAPHML_NAMESPACE}/1.0/graphml.xsd` };
  return xmlDocument(root, [
    ...[...graphKeys, ...nodeKeys, ...edgeKeys].flatMap(keyElement),
    ...xmlBlock(
      '  ',
      'graph',
      [
        ['id', 'claim-graph'],
        ['edgedefault', 'directed'],
      ],
      [
        ...dataElements({ title: meta.title, generatedAt: meta.generatedAt }, graphKeys, '    '),
        ...nodes.flatMap((node) => xmlElement('    ', 'node', [['id', node.key]], dataElements(nodeRecord(node), nodeKeys, '      '))),
        ...weightedEdges.flatMap(({ edge, record }) =>
          xmlElement(
            '    ',
            'edge',
            [
              ['id', edge.key],
              ['source', edge.source],
              ['target', edge.target],
            ],
            dataElements(record, edgeKeys, '      '),
          ),
        ),
      ],
    ),
  ]);
}
