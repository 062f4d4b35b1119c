// Opens the exports of every view with the tools their users open them with: graphology on every graph answer and JSON export, networkx 2.8 and 3.x on GEXF and GraphML, the Gephi toolkit on GEXF, GraphML and CSV.
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
import {
  DEBIAN_PYTHON,
  NETWORKX3_PYTHON,
  networkxVersion,
  openManyWithGephi,
  readManyWithNetworkx,
  type GephiJob,
  type GephiReport,
  type NetworkxGraph,
} from './support/tools';
import { VIEW_CASES, downloadExport, viewGraph, type ViewCase } from './support/views';

/** One view: the graph its graph route answers (filtered as the case says) and its exports, fetched while the story is seeded. */
interface ExportedView {
  view: ViewCase;
  graph: SerializedGraph;
  unfiltered: SerializedGraph;
  gexf: string;
  graphml: string;
  csv: { 'nodes.csv': string; 'edges.csv': string };
  json: string;
}

let db: Database;
let app: Express;
const exported = new Map<string, ExportedView>();
const exportOf = (name: string): ExportedView => {
  const found = exported.get(name);
  if (found === undefined) throw new Error(`no export of ${name}: the set-up failed`);
  return found;
};

beforeAll(async () => {
  // These tests check what the files hold, not how fast the views answer: a loaded machine must not turn a view into a 503.
  db = testDatabase({ QUERY_TIMEOUT_MS: '60000' });
  await resetAndSeed(db);
  app = testApp(db);
  for (const view of VIEW_CASES) {
    const { graph, unfiltered } = await viewGraph(app, view);
    const files = unzipSync(new Uint8Array(await downloadExport(app, 'csv', view.query)));
    exported.set(view.name, {
      view,
      graph,
      unfiltered,
      gexf: (await downloadExport(app, 'gexf', view.query)).toString('utf8'),
      graphml: (await downloadExport(app, 'graphml', view.query)).toString('utf8'),
      csv: { 'nodes.csv': strFromU8(files['nodes.csv']!), 'edges.csv': strFromU8(files['edges.csv']!) },
      json: (await downloadExport(app, 'json', view.query)).toString('utf8'),
    });
  }
}, 120_000);
afterAll(async () => {
  await db.close();
});

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', title: 'awkward' };
const viewNames = VIEW_CASES.map((view) => view.name);
const filteredNames = VIEW_CASES.filter((view) => view.filters !== undefined).map((view) => view.name);
const sortedKeys = (items: ReadonlyArray<{ key: string }>) => items.map((item) => item.key).sort();

describe('the views', () => {
  test.each(viewNames)('%s is a view with nodes and edges', (name) => {
    const { graph } = exportOf(name);
    // A view with nothing in it would make every count below pass trivially.
    expect(graph.nodes.length).toBeGreaterThan(1);
    expect(graph.edges.length).toBeGreaterThan(0);
  });

  test.each(filteredNames)('%s leaves out what its filters hide', (name) => {
    const { graph, unfiltered, view } = exportOf(name);
    expect(graph.nodes.length).toBeLessThan(unfiltered.nodes.length);
    const claims = graph.nodes.filter((node) => node.attributes.type === 'claim');
    expect(claims.length).toBeGreaterThan(0);
    const until = view.filters?.until;
    if (typeof until === 'string') {
      // Claims dated by month start on its first day (2014-12 counts from 2014-12-01), so only later days drop out.
      for (const claim of claims) expect(String(claim.attributes.date ?? '') <= until).toBe(true);
    }
    if (view.filters?.stances !== undefined) for (const claim of claims) expect(typeof claim.attributes.stance).toBe('string');
    if (view.filters?.kinds !== undefined) {
      for (const actor of graph.nodes.filter((node) => node.attributes.type === 'actor'))
        expect(view.filters.kinds).toContain(actor.attributes.kind);
    }
    if (view.filters?.source) expect(graph.nodes.map((node) => node.key)).toContain(view.filters.source);
  });
});

describe('graphology', () => {
  test.each([
    '/api/graph',
    '/api/graph/neighborhood/dprk?depth=2',
    '/api/graph/paths?from=fbi&to=dprk',
    '/api/graph/chains/fbi-attributes-sony-hack',
    '/api/incidents/sony-hack/attribution',
    '/api/incidents/nk-internet-outage/attribution',
  ])('Graph.from and graph.import read %s whole', async (url) => {
    const response = await request(app).get(url);
    expect(response.status).toBe(200);
    const wire = (response.body as { graph: SerializedGraph }).graph;
    expect(wire.nodes.length).toBeGreaterThan(0);
    const from = Graph.from(wire);
    expect([from.order, from.size]).toEqual([wire.nodes.length, wire.edges.length]);
    const imported = new Graph(wire.options);
    imported.import(wire);
    expect([imported.order, imported.size]).toEqual([wire.nodes.length, wire.edges.length]);
  });

  test.each(viewNames)('Graph.from reads the JSON export of the %s view whole', (name) => {
    const { graph, json } = exportOf(name);
    const read = Graph.from(JSON.parse(json) as SerializedGraph);
    expect([read.order, read.size]).toEqual([graph.nodes.length, graph.edges.length]);
    expect(read.nodes().sort()).toEqual(sortedKeys(graph.nodes));
    expect(read.edges().sort()).toEqual(sortedKeys(graph.edges));
  });
});

const formats = ['gexf', 'graphml'] as const;
const viewsByFormat = viewNames.flatMap((name) => formats.map((format) => [name, format] as const));

describe.each([
  ['Debian python3-networkx', DEBIAN_PYTHON, /^2\.8\./],
  ['networkx 3 from pip', NETWORKX3_PYTHON, /^3\./],
] as const)('networkx (%s)', (_name, python, expectedVersion) => {
  const found = networkxVersion(python);
  // Every view in both formats and the awkward graph in both, read in one python run.
  const reads = new Map<string, NetworkxGraph>();
  const readOf = (name: string, format: string): NetworkxGraph => {
    const read = reads.get(`${name} ${format}`);
    if (read === undefined) throw new Error(`networkx read no ${format} of ${name}: the set-up failed`);
    return read;
  };

  beforeAll(() => {
    const jobs = [
      ...viewsByFormat.map(([name, format]) => ({ id: `${name} ${format}`, kind: format, text: exportOf(name)[format] })),
      { id: 'awkward gexf', kind: 'gexf' as const, text: toGexf(awkwardGraph, meta) },
      { id: 'awkward graphml', kind: 'graphml' as const, text: toGraphml(awkwardGraph, meta) },
    ];
    readManyWithNetworkx(jobs, python).forEach((read, index) => reads.set(jobs[index]!.id, read));
  }, 120_000);

  test(`is installed for ${python}`, () => {
    // Not skipped when missing: .ci/run installs both, and an absence is an error to see.
    expect(found).toEqual({ version: expect.stringMatching(expectedVersion) });
  });

  test.each(viewsByFormat)('reads the %s view as %s whole', (name, format) => {
    const { graph } = exportOf(name);
    const read = readOf(name, format);
    // networkx makes a multigraph only where two edges join the same pair in the same direction.
    const pairs = graph.edges.map((edge) => JSON.stringify([edge.source, edge.target]));
    expect(read.className).toBe(new Set(pairs).size < pairs.length ? 'MultiDiGraph' : 'DiGraph');
    expect([read.nodes, read.edges]).toEqual([graph.nodes.length, graph.edges.length]);
    // Every relationship under its own edge id (GraphML ids are NMTOKENs), which networkx keeps as key or attribute.
    const idOf = format === 'gexf' ? (key: string) => key : nmtoken;
    expect(Object.keys(read.edgeAttributes).sort()).toEqual(graph.edges.map((edge) => idOf(edge.key)).sort());
    for (const node of graph.nodes) expect(read.nodeAttributes[idOf(node.key)]?.type).toEqual(['str', node.attributes.type]);
    const weights = Object.values(read.edgeAttributes).map((attributes) => JSON.stringify(attributes.weight));
    expect(new Set(weights)).toEqual(new Set([JSON.stringify(['float', 1])]));
  });

  test.each(formats)('reads the awkward graph as %s whole, with its strings and types', (format) => {
    const read = readOf('awkward', format);
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
  const gephiFormats = ['gexf', 'graphml', 'csv'] as const;
  type GephiFormat = (typeof gephiFormats)[number];
  const jobOf = (name: string, format: GephiFormat): GephiJob => {
    const view = exportOf(name);
    return format === 'csv' ? view.csv : { [`view.${format}`]: view[format] };
  };
  const viewsByGephiFormat = viewNames.flatMap((name) => gephiFormats.map((format) => [name, format] as const));
  // Every view in every format, then the awkward graph in each, imported in one JVM.
  const reports = new Map<string, GephiReport>();
  const reportOf = (id: string): GephiReport => {
    const report = reports.get(id);
    if (report === undefined) throw new Error(`Gephi made no report on ${id}: the set-up failed`);
    return report;
  };

  beforeAll(() => {
    const jobs: Array<{ id: string; files: GephiJob }> = [
      ...viewsByGephiFormat.map(([name, format]) => ({ id: `${name} ${format}`, files: jobOf(name, format) })),
      { id: 'awkward gexf', files: { 'awkward.gexf': toGexf(awkwardGraph, meta) } },
      { id: 'awkward graphml', files: { 'awkward.graphml': toGraphml(awkwardGraph, meta) } },
      { id: 'awkward csv', files: { 'nodes.csv': toNodesCsv(awkwardGraph), 'edges.csv': toEdgesCsv(awkwardGraph) } },
    ];
    openManyWithGephi(jobs.map((job) => job.files)).forEach((report, index) => reports.set(jobs[index]!.id, report));
  }, 180_000);

  const expectOpened = (report: GephiReport, graph: SerializedGraph) => {
    expect(report.issues.filter((issue) => issue.level === 'SEVERE' || issue.level === 'CRITICAL')).toEqual([]);
    expect(report.verified.every(Boolean)).toBe(true);
    expect([report.nodes, report.edges]).toEqual([graph.nodes.length, graph.edges.length]);
    expect(report.minWeight).toBe(1);
    // ForceAtlas2 with its default settings keeps every node near the others.
    for (const bound of Object.values(report.bounds)) expect(Math.abs(bound)).toBeLessThan(1e5);
  };

  test.each(viewsByGephiFormat)('imports the %s view as %s with every node and edge, and ForceAtlas2 stays bounded', (name, format) => {
    expectOpened(reportOf(`${name} ${format}`), exportOf(name).graph);
  });

  test('imports the whole graph as GEXF with its timeline and its column types', () => {
    const report = reportOf('whole graph gexf');
    expect(report.dynamic).toBe(true);
    expect(report.edgeColumns).toMatchObject({ position: 'Integer', stance: 'String', relationship: 'String' });
  });

  test('imports the awkward graph in every format with every edge, and a day-precision claim spans its day', () => {
    const gexf = reportOf('awkward gexf');
    expectOpened(gexf, awkwardGraph);
    expect(gexf.intervals['claim-1']).toEqual([['2020-02-29T00:00:00Z', '2020-02-29T23:59:59.999Z']]);
    expect(gexf.intervals['claim-2']).toEqual([['2020-03-01T00:00:00Z', '2020-03-31T23:59:59.999Z']]);
    expect(gexf.nodeColumns).toMatchObject({ score: 'Double', verified: 'Boolean', count: 'Integer' });
    expectOpened(reportOf('awkward graphml'), awkwardGraph);
    expectOpened(reportOf('awkward csv'), awkwardGraph);
  });
});
