// Opens the exports with the tools their users open them with: graphology on every graph answer, networkx 2.8 and 3.x and the Gephi toolkit on GEXF, GraphML and CSV.
import type { Express } from 'express';
import { strFromU8, unzipSync } from 'fflate';
import Graph from 'graphology';
import request from 'supertest';
import type { Database } from '../../server/db/neo4j';
import { toEdgesCsv, toGexf, toGraphml, toNodesCsv } from '../../server/interchange';
import { nmtoken } from '../../server/interchange/graphml';
import type { SerializedGraph } from '../../server/model/wire';
import { testApp } from '../support/api';
import { resetAndSeed, testDatabase } from '../support/db';
import { AWKWARD_TEXT_IN_XML, awkwardGraph } from './support/awkwardGraph';
import { DEBIAN_PYTHON, NETWORKX3_PYTHON, networkxVersion, openWithGephi, readWithNetworkx } from './support/tools';

let db: Database;
let app: Express;
let seeded: SerializedGraph;

beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  app = testApp(db);
  seeded = ((await request(app).get('/api/graph')).body as { graph: SerializedGraph }).graph;
});
afterAll(async () => {
  await db.close();
});

const download = async (format: string, view = 'view=graph'): Promise<Buffer> => {
  const response = await request(app)
    .get(`/api/export?format=${format}&${view}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
};

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', title: 'awkward' };

describe('graphology', () => {
  test.each([
    ['/api/graph', (body: { graph: SerializedGraph }) => body.graph],
    ['/api/graph/neighborhood/dprk?depth=2', (body: { graph: SerializedGraph }) => body.graph],
    ['/api/graph/paths?from=fbi&to=dprk', (body: { graph: SerializedGraph }) => body.graph],
    ['/api/graph/chains/fbi-attributes-sony-hack', (body: { graph: SerializedGraph }) => body.graph],
    ['/api/incidents/sony-hack/attribution', (body: { graph: SerializedGraph }) => body.graph],
  ])('Graph.from and graph.import read %s whole', async (url, graphOf) => {
    const response = await request(app).get(url);
    expect(response.status).toBe(200);
    const wire = graphOf(response.body as { graph: SerializedGraph });
    expect(wire.nodes.length).toBeGreaterThan(0);
    const from = Graph.from(wire);
    expect([from.order, from.size]).toEqual([wire.nodes.length, wire.edges.length]);
    const imported = new Graph(wire.options);
    imported.import(wire);
    expect([imported.order, imported.size]).toEqual([wire.nodes.length, wire.edges.length]);
  });

  test('Graph.from reads the JSON export of a view with parallel edges', async () => {
    const wire = JSON.parse((await download('json', 'view=neighborhood&id=dprk&depth=2')).toString('utf8')) as SerializedGraph;
    const graph = Graph.from(wire);
    expect(graph.size).toBe(wire.edges.length);
  });
});

describe.each([
  ['Debian python3-networkx', DEBIAN_PYTHON, /^2\.8\./],
  ['networkx 3 from pip', NETWORKX3_PYTHON, /^3\./],
] as const)('networkx (%s)', (_name, python, expectedVersion) => {
  const found = networkxVersion(python);

  test(`is installed for ${python}`, () => {
    // Not skipped when missing: .ci/run installs both, and an absence is an error to see.
    expect(found).toEqual({ version: expect.stringMatching(expectedVersion) });
  });

  test.each(['gexf', 'graphml'] as const)('reads the seeded graph as %s whole', async (format) => {
    const read = readWithNetworkx(format, (await download(format)).toString('utf8'), python);
    expect(read.className).toBe('MultiDiGraph');
    expect([read.nodes, read.edges]).toEqual([seeded.nodes.length, seeded.edges.length]);
    for (const node of seeded.nodes) expect(read.nodeAttributes[node.key]?.type).toEqual(['str', node.attributes.type]);
    const weights = Object.values(read.edgeAttributes).map((attributes) => attributes.weight);
    expect(new Set(weights.map((weight) => JSON.stringify(weight)))).toEqual(new Set([JSON.stringify(['float', 1])]));
  });

  test.each(['gexf', 'graphml'] as const)('reads the awkward graph as %s whole, with its strings and types', (format) => {
    const text = format === 'gexf' ? toGexf(awkwardGraph, meta) : toGraphml(awkwardGraph, meta);
    const read = readWithNetworkx(format, text, python);
    expect([read.nodes, read.edges]).toEqual([awkwardGraph.nodes.length, awkwardGraph.edges.length]);
    expect(read.nodeAttributes['actor-a']?.label).toEqual(['str', AWKWARD_TEXT_IN_XML]);
    expect(read.nodeAttributes['actor-a']?.aliases).toEqual(['str', 'A\\|B | back\\\\slash |  spaced \\| out  | 🙂']);
    expect(read.nodeAttributes['claim-1']).toMatchObject({
      quote: ['str', 'line one\r\nline two'],
      score: ['float', 0.25],
      verified: ['bool', true],
      count: ['int', 3],
    });
    const reported = read.edgeAttributes[format === 'gexf' ? 'REPORTED_IN:claim-1->source-1' : nmtoken('REPORTED_IN:claim-1->source-1')];
    expect(reported).toMatchObject({ position: ['int', 0], note: ['str', AWKWARD_TEXT_IN_XML], evidenceStarts: ['str', '3 | 40'] });
    if (format === 'gexf') expect(read.nodeAttributes['claim-1']?.spells).toEqual(['list', [['2020-02-29', '2020-02-29T23:59:59.999']]]);
  });
});

describe('Gephi toolkit 0.10.1', () => {
  const expectOpened = (report: ReturnType<typeof openWithGephi>, graph: SerializedGraph) => {
    expect(report.issues.filter((issue) => issue.level === 'SEVERE' || issue.level === 'CRITICAL')).toEqual([]);
    expect(report.verified.every(Boolean)).toBe(true);
    expect([report.nodes, report.edges]).toEqual([graph.nodes.length, graph.edges.length]);
    expect(report.minWeight).toBe(1);
    // ForceAtlas2 with its default settings keeps every node near the others.
    for (const bound of Object.values(report.bounds)) expect(Math.abs(bound)).toBeLessThan(1e5);
  };

  const zipped = async () => {
    const files = unzipSync(new Uint8Array(await download('csv')));
    return { 'nodes.csv': strFromU8(files['nodes.csv']!), 'edges.csv': strFromU8(files['edges.csv']!) };
  };

  test('imports the seeded graph as GEXF with every edge, its timeline and its column types', async () => {
    const report = openWithGephi({ 'graph.gexf': await download('gexf') });
    expectOpened(report, seeded);
    expect(report.dynamic).toBe(true);
    expect(report.edgeColumns).toMatchObject({ position: 'Integer', stance: 'String', relationship: 'String' });
  }, 180_000);

  test('imports the seeded graph as GraphML with every edge', async () => {
    expectOpened(openWithGephi({ 'graph.graphml': await download('graphml') }), seeded);
  }, 180_000);

  test('imports the seeded graph as nodes.csv and edges.csv with every edge', async () => {
    expectOpened(openWithGephi(await zipped()), seeded);
  }, 180_000);

  test('imports the awkward graph in every format with every edge, and a day-precision claim spans its day', () => {
    const gexf = openWithGephi({ 'awkward.gexf': toGexf(awkwardGraph, meta) });
    expectOpened(gexf, awkwardGraph);
    expect(gexf.intervals['claim-1']).toEqual([['2020-02-29T00:00:00Z', '2020-02-29T23:59:59.999Z']]);
    expect(gexf.intervals['claim-2']).toEqual([['2020-03-01T00:00:00Z', '2020-03-31T23:59:59.999Z']]);
    expect(gexf.nodeColumns).toMatchObject({ score: 'Double', verified: 'Boolean', count: 'Integer' });
    expectOpened(openWithGephi({ 'awkward.graphml': toGraphml(awkwardGraph, meta) }), awkwardGraph);
    expectOpened(openWithGephi({ 'nodes.csv': toNodesCsv(awkwardGraph), 'edges.csv': toEdgesCsv(awkwardGraph) }), awkwardGraph);
  }, 180_000);
});
