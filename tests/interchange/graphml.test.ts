// Checks the GraphML export by reading it back with fast-xml-parser (and networkx when the machine has it): keys, types, weights, determinism.
import { spawnSync } from 'node:child_process';
import { edgeKey } from '../../server/model/wire';
import { GRAPHML_NAMESPACE, toGraphml } from '../../server/interchange/graphml';
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

  test('has every node and edge of the view', () => {
    expect(parsed.nodes.size).toBe(interchangeGraph.nodes.length);
    expect(parsed.edges.size).toBe(interchangeGraph.edges.length);
    for (const edge of interchangeGraph.edges) {
      expect(parsed.edges.get(edge.key)).toMatchObject({ source: edge.source, target: edge.target });
      expect(parsed.edges.get(edge.key)?.values.relationship).toBe(edge.attributes.type);
    }
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
    expect(parsed.edges.get(edgeKey('AFFILIATED_WITH', 'guardians-of-peace', 'north-korea'))?.values.sources).toBe('s-siliconangle');
    expect(parsed.nodes.get('s-techweek')?.values.title).toBe(
      'North Korea Web Outage Was Revenge For Sony Hack & "Proportional" <Response>',
    );
  });

  test('weighs edges by signed stance', () => {
    const weight = (key: string) => Number(parsed.edges.get(key)?.values.weight);
    expect(weight(edgeKey('ACCUSES', 'c-us-attributes-sony', 'guardians-of-peace'))).toBe(1);
    expect(weight(edgeKey('ACCUSES', 'c-gop-denies-state-ties', 'north-korea'))).toBe(-1);
    expect(weight(edgeKey('ACCUSES', 'c-us-outage-no-comment', 'united-states'))).toBe(0);
    expect(weight(edgeKey('MADE', 'dyn-research', 'c-dyn-outage-neither'))).toBe(0);
    expect(weight(edgeKey('ABOUT', 'c-dyn-observes-outage', 'nk-outage'))).toBe(1);
    expect(weight(edgeKey('RELATED_TO', 'nk-outage', 'sony-hack'))).toBe(1);
    for (const edge of parsed.edges.values()) expect([-1, 0, 1]).toContain(Number(edge.values.weight));
  });

  test('is deterministic apart from the generatedAt datum', () => {
    const shuffled = reversedGraph(interchangeGraph);
    expect(toGraphml(shuffled, meta)).toBe(xml);
    const later = toGraphml(interchangeGraph, { ...meta, generatedAt: '2030-01-01T00:00:00.000Z' });
    expect(later.replace('2030-01-01T00:00:00.000Z', meta.generatedAt)).toBe(xml);
  });

  const python = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
  const hasNetworkx = python.status === 0;
  // networkx is the reader the format must satisfy; machines without it still run every check above.
  (hasNetworkx ? test : test.skip)('reads with networkx.read_graphml, keeping types and weights', () => {
    const script = [
      'import io, json, sys, networkx as nx',
      'g = nx.read_graphml(io.BytesIO(sys.stdin.buffer.read()))',
      'e = [d for u, v, d in g.edges(data=True) if u == "c-nk-denies-sony" and v == "north-korea"]',
      'print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "title": g.graph["title"], "accuses": e, "aliases": g.nodes["north-korea"]["aliases"]}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: xml, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`networkx could not read the export:\n${run.stderr}`);
    const result = JSON.parse(run.stdout) as {
      nodes: number;
      edges: number;
      title: string;
      accuses: Array<Record<string, unknown>>;
      aliases: string;
    };
    expect(result.nodes).toBe(interchangeGraph.nodes.length);
    expect(result.edges).toBe(interchangeGraph.edges.length);
    expect(result.title).toBe(meta.title);
    expect(result.aliases).toBe("DPRK | Democratic People's Republic of Korea");
    expect(result.accuses).toEqual([{ relationship: 'ACCUSES', stance: 'denies', weight: -1 }]);
  });
});
