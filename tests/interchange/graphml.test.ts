// Checks the GraphML export by reading it back with fast-xml-parser: keys named by attribute, types, weights, NMTOKEN ids, CR LF, determinism.
import { edgeKey } from '../../server/model/wire';
import { GRAPHML_NAMESPACE, nmtoken, toGraphml } from '../../server/interchange/graphml';
import type { SerializedGraph } from '../../server/model/wire';
import { reversedGraph, xmlReader } from './helpers';
import { interchangeGraph } from '../fixtures/interchange-graph';

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', title: 'Sony & the "outage"' };

type Attrs = Record<string, string>;
interface DataHolder {
  data?: Array<Attrs & { '#text'?: string }>;
}

const parser = xmlReader(['key', 'node', 'edge', 'data']);

function parseGraphml(xml: string) {
  const { graphml } = parser.parse(xml) as {
    graphml: Attrs & { key: Attrs[]; graph: Attrs & DataHolder & { node: Array<Attrs & DataHolder>; edge: Array<Attrs & DataHolder> } };
  };
  const keys = new Map(graphml.key.map((key) => [key.id, key]));
  // Values by attribute name, as networkx would report them.
  const values = (holder: DataHolder) =>
    Object.fromEntries((holder.data ?? []).map((datum) => [keys.get(datum.key)?.['attr.name'], datum['#text'] ?? '']));
  return {
    graphml,
    keys,
    graphValues: values(graphml.graph),
    nodes: new Map(graphml.graph.node.map((node) => [node.id, { ...node, values: values(node) }])),
    edges: new Map(graphml.graph.edge.map((edge) => [edge.id, { ...edge, values: values(edge) }])),
  };
}

describe('toGraphml', () => {
  const xml = toGraphml(interchangeGraph, meta);
  const parsed = parseGraphml(xml);

  test('is a directed GraphML document carrying the export title and time', () => {
    expect(parsed.graphml.xmlns).toBe(GRAPHML_NAMESPACE);
    expect(parsed.graphml.graph.edgedefault).toBe('directed');
    expect(parsed.graphValues).toEqual({ title: meta.title, generatedAt: meta.generatedAt });
  });

  test('has every node and edge of the view, parallel ones too, with distinct ids that are valid NMTOKENs', () => {
    expect(parsed.nodes.size).toBe(interchangeGraph.nodes.length);
    expect(parsed.edges.size).toBe(interchangeGraph.edges.length);
    for (const edge of interchangeGraph.edges) {
      expect(parsed.edges.get(nmtoken(edge.key))).toMatchObject({ source: edge.source, target: edge.target });
      expect(parsed.edges.get(nmtoken(edge.key))?.values.relationship).toBe(edge.attributes.type);
    }
    for (const id of [...parsed.edges.keys(), ...parsed.keys.keys()]) expect(id).toMatch(/^[A-Za-z0-9._:-]+$/);
    expect(nmtoken(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'sony-hack'))).toBe(
      'ACCUSES:c-us-attributes-sony:north-korea:sony-hack',
    );
    // Gephi takes an edge's label as its edge type and keeps one edge per pair and type.
    const kinds = parsed.graphml.graph.edge.map((edge) => JSON.stringify([edge.source, edge.target, edge.label]));
    expect(new Set(kinds).size).toBe(interchangeGraph.edges.length);
  });

  test('names keys by attribute, as Gephi names its columns by key id', () => {
    expect(parsed.keys.get('aliases')).toMatchObject({ for: 'node', 'attr.name': 'aliases' });
    expect(parsed.keys.get('stance')).toMatchObject({ for: 'node', 'attr.name': 'stance' });
    expect(parsed.keys.get('edge.stance')).toMatchObject({ for: 'edge', 'attr.name': 'stance' });
    expect(parsed.keys.get('weight')).toMatchObject({ for: 'edge', 'attr.name': 'weight', 'attr.type': 'double' });
    expect(parsed.keys.get('graph.title')).toMatchObject({ for: 'graph', 'attr.name': 'title' });
  });

  test('keeps CR LF in text, which an XML parser would otherwise turn into LF', () => {
    const graph: SerializedGraph = {
      ...interchangeGraph,
      nodes: interchangeGraph.nodes.map((node) =>
        node.key === 'c-gop-threat' ? { ...node, attributes: { ...node.attributes, quote: 'one\r\ntwo\rthree' } } : node,
      ),
    };
    expect(parseGraphml(toGraphml(graph, meta)).nodes.get('c-gop-threat')?.values.quote).toBe('one\r\ntwo\rthree');
  });

  test('declares a key with a standard GraphML type for every node and edge attribute, and uses only declared keys', () => {
    const byName = (domain: string) =>
      new Map([...parsed.keys.values()].filter((key) => key.for === domain).map((key) => [key['attr.name'], key['attr.type']]));
    const nodeKeys = byName('node');
    const edgeKeys = byName('edge');
    const nodeAttributeNames = new Set(interchangeGraph.nodes.flatMap((node) => Object.keys(node.attributes)));
    expect(new Set(nodeKeys.keys())).toEqual(nodeAttributeNames);
    expect(nodeKeys.get('label')).toBe('string');
    expect(nodeKeys.get('aliases')).toBe('string');
    expect(edgeKeys.get('weight')).toBe('double');
    expect(edgeKeys.get('position')).toBe('int');
    expect(edgeKeys.get('relationship')).toBe('string');
    expect(edgeKeys.has('type')).toBe(false);
    for (const key of parsed.keys.values()) expect(['string', 'int', 'long', 'double', 'boolean']).toContain(key['attr.type']);
    for (const element of [...parsed.nodes.values(), ...parsed.edges.values()]) {
      for (const datum of element.data ?? []) expect(parsed.keys.has(datum.key)).toBe(true);
    }
    for (const node of parsed.nodes.values()) for (const datum of node.data ?? []) expect(parsed.keys.get(datum.key)?.for).toBe('node');
  });

  test('joins lists with " | " and keeps markup characters', () => {
    expect(parsed.nodes.get('north-korea')?.values.aliases).toBe("DPRK | Democratic People's Republic of Korea");
    expect(parsed.edges.get(nmtoken(edgeKey('AFFILIATED_WITH', 'guardians-of-peace', 'north-korea')))?.values.sources).toBe(
      's-siliconangle',
    );
    expect(parsed.nodes.get('s-techweek')?.values.title).toBe(
      'North Korea Web Outage Was Revenge For Sony Hack & "Proportional" <Response>',
    );
  });

  test('writes explanation nodes, incident-scoped accusations and evidence offsets', () => {
    expect(parsed.nodes.get('infrastructure-failure')?.values).toMatchObject({ type: 'explanation', kind: 'technical-failure' });
    expect(parsed.edges.get(nmtoken(edgeKey('ACCUSES', 'c-us-attributes-sony', 'north-korea', 'cinema-threats')))?.values.incident).toBe(
      'cinema-threats',
    );
    expect(parsed.edges.get(nmtoken(edgeKey('AFFILIATED_WITH', 'guardians-of-peace', 'north-korea')))?.values).toMatchObject({
      hedge: 'said to be acting on behalf of',
      evidenceSources: 's-siliconangle',
      evidenceStarts: '275',
      evidenceEnds: '343',
    });
  });

  test('weighs every edge 1 and keeps the stance only on ACCUSES edges', () => {
    for (const edge of parsed.edges.values()) expect(edge.values.weight).toBe('1');
    expect(parsed.edges.get(nmtoken(edgeKey('ACCUSES', 'c-gop-denies-state-ties', 'north-korea', 'sony-hack')))?.values.stance).toBe(
      'denies',
    );
    for (const edge of parsed.edges.values()) if (edge.values.relationship !== 'ACCUSES') expect(edge.values.stance).toBeUndefined();
  });

  test('is deterministic apart from the generatedAt datum', () => {
    const shuffled = reversedGraph(interchangeGraph);
    expect(toGraphml(shuffled, meta)).toBe(xml);
    const later = toGraphml(interchangeGraph, { ...meta, generatedAt: '2030-01-01T00:00:00.000Z' });
    expect(later.replace('2030-01-01T00:00:00.000Z', meta.generatedAt)).toBe(xml);
  });
});
