// Writes a graph view as GraphML that networkx, yEd and Gephi read: keys named by attribute, standard types only, weight 1, every parallel edge.
import type { SerializedGraph } from '../model/wire';
import { EDGE_WEIGHT, formatValue, inferColumns, nodeRecord, orderedGraph, type Column, type ExportMeta } from './common';
import { xmlAttributes, xmlDocument, xmlTextElement, type XmlElement } from './xml';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

/** GraphML's attr.type names; `integer` becomes `int` (networkx has no other name for it). */
const GRAPHML_TYPES: Record<Column['type'], string> = {
  string: 'string',
  integer: 'int',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
};

/** The relationship type is written as `relationship`, the same name as in GEXF and CSV; `weight` is the edge weight (always 1). */
const GRAPHML_EDGE_RENAMES: Readonly<Record<string, string>> = { type: 'relationship', weight: 'weight_attribute' };

/** GraphML has no list type networkx reads, so lists are joined with this (items escaped, see formatValue). */
const GRAPHML_LIST_SEPARATOR = ' | ';

// An attribute name no graph attribute can have, so the written weight never collides with one.
const WEIGHT = '\u0000weight';

interface Key extends Column {
  id: string;
  for: 'graph' | 'node' | 'edge';
}

// XML 1.0 NameChar, which is what xs:NMTOKEN (GraphML's type for key, node and edge ids) allows.
const NAME_CHAR =
  /^[A-Za-z0-9._:\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]$|^[\u200C]$|^[\u200D]$/u;

/**
 * A valid xs:NMTOKEN for a key or id: `->` (the arrow of an edge key) becomes `:`, `@` (before an accusation's
 * incident) becomes `:` too, since record ids hold neither `:` nor each other's separators; any other character an
 * NMTOKEN cannot hold becomes `_xHHHH_`. `ACCUSES:claim->actor@incident` is written `ACCUSES:claim:actor:incident`.
 */
export function nmtoken(text: string): string {
  const readable = text.replace(/->/g, ':').replace(/@/g, ':');
  const token = [...readable]
    .map((char) => (NAME_CHAR.test(char) ? char : `_x${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`))
    .join('');
  return token === '' ? '_' : token;
}

/** Gives every name its NMTOKEN, adding `.2`, `.3`… where two names would meet in one token, so ids stay unique. */
function uniqueTokens(names: readonly string[], taken: Set<string>): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const name of names) {
    const base = nmtoken(name);
    let token = base;
    for (let suffix = 2; taken.has(token); suffix++) token = `${base}.${suffix}`;
    taken.add(token);
    tokens.set(name, token);
  }
  return tokens;
}

const keyElement = (key: Key): XmlElement =>
  xmlAttributes([
    ['id', key.id],
    ['for', key.for],
    ['attr.name', key.name],
    ['attr.type', GRAPHML_TYPES[key.type]],
  ]);

/** An element's `<data>` children, one per key it has a value for, in key order. */
function dataElements(record: Record<string, unknown>, keys: readonly Key[]): XmlElement[] {
  return keys.flatMap((key) => {
    const text = formatValue(record[key.attribute], GRAPHML_LIST_SEPARATOR);
    return text === undefined ? [] : [xmlTextElement([['key', key.id]], text)];
  });
}

/**
 * The view as a directed GraphML document. Key ids are the attribute names (Gephi names its columns by key id), made
 * valid NMTOKENs; an edge attribute whose name a node attribute already uses gets the id `edge.NAME`, and the graph's
 * two data keys `graph.title` and `graph.generatedAt`, since a key id is unique in a document. Every edge is written,
 * parallel ones too (networkx then reads a MultiDiGraph), with an NMTOKEN id from its key and, for Gephi, a `label`
 * attribute holding its kind: Gephi's GraphML reader takes an edge's `label` as its edge type and keeps one edge per
 * pair and type. Nodes, edges and keys are sorted, so only the `generatedAt` graph datum varies.
 */
export function toGraphml(graph: SerializedGraph, meta: ExportMeta): string {
  const { nodes, edges, kinds } = orderedGraph(graph);
  const taken = new Set<string>(['graph.title', 'graph.generatedAt']);
  const nodeColumns = inferColumns(nodes.map(nodeRecord));
  const nodeIds = uniqueTokens(
    nodeColumns.map((column) => column.name),
    taken,
  );
  const nodeKeys: Key[] = nodeColumns.map((column) => ({ ...column, id: nodeIds.get(column.name)!, for: 'node' }));
  const weightedEdges = edges.map((edge) => ({ edge, record: { ...edge.attributes, [WEIGHT]: EDGE_WEIGHT } }));
  const edgeColumns = inferColumns(
    weightedEdges.map(({ record }) => record),
    { rename: { ...GRAPHML_EDGE_RENAMES, [WEIGHT]: 'weight' } },
  );
  const edgeNames = edgeColumns.map((column) => (taken.has(nmtoken(column.name)) ? `edge.${column.name}` : column.name));
  const edgeIds = uniqueTokens(edgeNames, taken);
  const edgeKeys: Key[] = edgeColumns.map((column, index) => ({
    ...column,
    type: column.attribute === WEIGHT ? 'double' : column.type,
    id: edgeIds.get(edgeNames[index]!)!,
    for: 'edge',
  }));
  const graphKeys: Key[] = [
    { attribute: 'title', name: 'title', type: 'string' as const, id: 'graph.title', for: 'graph' as const },
    { attribute: 'generatedAt', name: 'generatedAt', type: 'string' as const, id: 'graph.generatedAt', for: 'graph' as const },
  ];

  const nodeTokens = uniqueTokens(
    nodes.map((node) => node.key),
    new Set(),
  );
  const edgeTokens = uniqueTokens(
    edges.map((edge) => edge.key),
    new Set(),
  );
  const root = { name: 'graphml', namespace: GRAPHML_NAMESPACE, schema: `${GRAPHML_NAMESPACE}/1.0/graphml.xsd` };
  return xmlDocument(root, {
    key: [...graphKeys, ...nodeKeys, ...edgeKeys].map(keyElement),
    graph: {
      ...xmlAttributes([
        ['id', 'claim-graph'],
        ['edgedefault', 'directed'],
      ]),
      data: dataElements({ title: meta.title, generatedAt: meta.generatedAt }, graphKeys),
      node: nodes.map((node) => ({
        ...xmlAttributes([['id', nodeTokens.get(node.key)!]]),
        data: dataElements(nodeRecord(node), nodeKeys),
      })),
      edge: weightedEdges.map(({ edge, record }) => ({
        ...xmlAttributes([
          ['id', edgeTokens.get(edge.key)!],
          ['source', nodeTokens.get(edge.source)!],
          ['target', nodeTokens.get(edge.target)!],
          ['label', kinds.get(edge.key) ?? edge.attributes.type],
        ]),
        data: dataElements(record, edgeKeys),
      })),
    },
  });
}
