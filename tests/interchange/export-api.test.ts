// GET /api/export and POST /api/stix against the real Neo4j: every format parsed back, stable bytes, the Cypher script of every view run in an empty database, and the STIX round trip.
import { parse as parseCsv } from 'csv-parse/sync';
import type { Express } from 'express';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import Graph from 'graphology';
import request from 'supertest';
import { ensureSchema } from '../../server/db/schema';
import { readTransaction, writeTransaction, type Database } from '../../server/db/neo4j';
import { documentTexts } from '../../server/graph/service';
import type { Attribution, GraphView } from '../../server/model/api';
import type { SerializedGraph } from '../../server/model/wire';
import { resetAndSeed, signature, testDatabase, wipe } from '../support/db';
import { testApp } from '../support/api';
import { loadValidators, schemaFor } from '../support/stixSchemas';
import { VIEW_CASES, downloadExport, viewGraph } from './support/views';

const TOKEN = 'export-test-token';
let db: Database;
let app: Express;
let attribution: Attribution;

beforeAll(async () => {
  // What the files hold is checked here, not how fast views answer, so a loaded machine does not turn a view into a 503.
  db = testDatabase({ QUERY_TIMEOUT_MS: '60000' });
  await resetAndSeed(db);
  app = testApp(db, { WRITE_TOKEN: TOKEN, BODY_LIMIT: '20mb' });
  attribution = (await request(app).get('/api/incidents/sony-hack/attribution')).body as Attribution;
});
afterAll(async () => {
  await db.close();
});

const exportOf = (format: string, view = 'view=attribution&id=sony-hack') =>
  request(app)
    .get(`/api/export?format=${format}&${view}`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['node', 'edge', 'attribute', 'attvalue', 'key', 'data', 'spell'].includes(name),
});

/** Masks timestamps and the GEXF modified date: the export time is the only part allowed to differ between two exports. */
const withoutTimestamps = (text: string) =>
  text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>').replace(/lastmodifieddate="[^"]*"/g, '');

describe('GET /api/export', () => {
  test('GEXF 1.2draft parses back with every node and edge, declared attributes and weight 1', async () => {
    const response = await exportOf('gexf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/gexf+xml');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?attribution-sony-hack\.gexf"?$/);
    const doc = xml.parse(response.body.toString('utf8'));
    const graph = doc.gexf.graph;
    expect(doc.gexf['@version']).toBe('1.2');
    expect(graph.nodes.node).toHaveLength(attribution.graph.nodes.length);
    expect(graph.edges.edge).toHaveLength(attribution.graph.edges.length);
    const weights = new Set<number>(graph.edges.edge.map((edge: Record<string, string>) => Number(edge['@weight'])));
    expect([...weights]).toEqual([1]);
    const declared = graph.attributes.flatMap((group: { attribute: Array<Record<string, string>> }) =>
      group.attribute.map((a) => a['@type']),
    );
    expect(declared.length).toBeGreaterThan(5);
  });

  test('GraphML parses back with keys for its attributes and the same counts', async () => {
    const response = await exportOf('graphml');
    expect(response.headers['content-type']).toContain('application/graphml+xml');
    const doc = xml.parse(response.body.toString('utf8'));
    expect(doc.graphml.graph.node).toHaveLength(attribution.graph.nodes.length);
    expect(doc.graphml.graph.edge).toHaveLength(attribution.graph.edges.length);
    expect(doc.graphml.key.some((key: Record<string, string>) => key['@attr.name'] === 'stance')).toBe(true);
  });

  test('CSV is a zip of nodes.csv and edges.csv that a CSV parser reads back', async () => {
    const response = await exportOf('csv');
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(response.body));
    expect(Object.keys(files).sort()).toEqual(['edges.csv', 'nodes.csv']);
    const nodes = parseCsv(strFromU8(files['nodes.csv']!), { columns: true }) as Array<Record<string, string>>;
    const edges = parseCsv(strFromU8(files['edges.csv']!), { columns: true }) as Array<Record<string, string>>;
    expect(nodes).toHaveLength(attribution.graph.nodes.length);
    expect(edges).toHaveLength(attribution.graph.edges.length);
    expect(nodes.find((node) => node.Id === 'dprk')?.Label).toBe('North Korea');
    expect(edges.every((edge) => edge.Type === 'Directed')).toBe(true);
  });

  test('JSON is graphology’s serialized format and imports into a graph', async () => {
    const response = await exportOf('json');
    // As the file says: a view where one claim accuses one actor of two incidents has parallel edges, so it is a multi graph.
    const graph = Graph.from(JSON.parse(response.body.toString('utf8')) as SerializedGraph);
    expect(graph.type).toBe('directed');
    expect(graph.order).toBe(attribution.graph.nodes.length);
    expect(graph.size).toBe(attribution.graph.edges.length);
  });

  test('STIX 2.1 validates against the OASIS schemas, object by object and as a bundle', async () => {
    const response = await exportOf('stix', 'view=graph');
    expect(response.headers['content-type']).toContain('application/stix+json');
    const bundle = JSON.parse(response.body.toString('utf8')) as { type: string; objects: Array<{ type: string }> };
    const validator = loadValidators();
    // The OASIS bundle schema cannot check incident, opinion and note objects (see its NOTES.md): the envelope is checked alone.
    expect(validator('common/bundle.json')({ type: bundle.type, id: (bundle as unknown as { id: string }).id })).toBe(true);
    for (const object of bundle.objects) {
      const validate = validator(schemaFor(object));
      expect({ ok: validate(object), errors: validate.errors }).toMatchObject({ ok: true });
    }
    const types = new Set(bundle.objects.map((object) => object.type));
    for (const type of ['identity', 'threat-actor', 'incident', 'report', 'relationship', 'opinion', 'note'])
      expect(types.has(type)).toBe(true);
  });

  test.each(['stix', 'gexf', 'graphml', 'csv', 'json', 'cypher'])(
    '%s: the same view gives the same bytes apart from the export time',
    async (format) => {
      const [first, second] = [
        await exportOf(format, 'view=neighborhood&id=fbi&depth=2'),
        await exportOf(format, 'view=neighborhood&id=fbi&depth=2'),
      ];
      expect(first.status).toBe(200);
      if (format === 'csv') expect(Buffer.compare(first.body, second.body)).toBe(0);
      else expect(withoutTimestamps(second.body.toString('utf8'))).toBe(withoutTimestamps(first.body.toString('utf8')));
    },
  );

  test('an attribution exports as of a date: only the claims made by then are drawn, and the file says the date', async () => {
    const response = await exportOf('json', 'view=attribution&id=sony-hack&asOf=2014-12-20');
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain('attribution-sony-hack-as-of-2014-12-20');
    const graph = JSON.parse(response.body.toString('utf8')) as { nodes: Array<{ key: string; attributes: { type: string } }> };
    // By 2014-12-20 only two claims accuse anyone of the Sony hack (tests/api/asOf.test.ts works it out): the
    // observers' November suspicion and the paste's denial of 19 December; the FBI's (23 December) is not drawn.
    const claims = graph.nodes.filter((node) => node.attributes.type === 'claim').map((node) => node.key);
    expect(claims.sort()).toEqual(['paste-hacks-not-from-dprk', 'sa-suspicion-on-dprk']);
  });

  test('checks view parameters: missing, foreign and unknown ones get 400, an unknown id 404', async () => {
    expect((await request(app).get('/api/export?format=gexf&view=attribution')).status).toBe(400);
    expect((await request(app).get('/api/export?format=gexf&view=graph&maxHops=3')).status).toBe(400);
    // asOf belongs to the views that have a date (attribution, network), not to a neighbourhood.
    expect((await request(app).get('/api/export?format=gexf&view=neighborhood&id=fbi&asOf=2014-12')).status).toBe(400);
    expect((await request(app).get('/api/export?format=pdf')).status).toBe(400);
    expect((await request(app).get('/api/export?format=gexf&view=attribution&id=nothing')).status).toBe(404);
  });
});

/** Runs a Cypher export as a user pastes it into a fresh database: schema statements each in its own transaction, then the data in one. */
async function runCypherScript(script: string): Promise<void> {
  const statements = script
    .split(';\n')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '' && !statement.startsWith('//'));
  // Constraints are schema changes and need their own transactions; the data goes in one.
  const schema = statements.filter((statement) => /^CREATE (CONSTRAINT|INDEX)/i.test(statement));
  for (const statement of schema) await writeTransaction(db, (tx) => tx.run(statement), 60_000);
  await writeTransaction(
    db,
    async (tx) => {
      for (const statement of statements.filter((candidate) => !schema.includes(candidate))) await tx.run(statement);
    },
    120_000,
  );
}

/** How many nodes and relationships the database holds, Documents included: a MERGE that matched nothing would add to them. */
const storedCounts = () =>
  readTransaction(db, async (tx) => ({
    nodes: (await tx.run('MATCH (n) RETURN count(n) AS count')).records[0]?.get('count') as unknown,
    relationships: (await tx.run('MATCH ()-[r]->() RETURN count(r) AS count')).records[0]?.get('count') as unknown,
  }));

const byKey = <T extends { key: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('Cypher round trips', () => {
  // Each view's script, the view as its graph route answers it and its sources' texts, all taken while the story is seeded.
  const cases = new Map<string, { script: string; graph: SerializedGraph; documents: Record<string, string> }>();
  beforeAll(async () => {
    for (const view of VIEW_CASES) {
      const { graph } = await viewGraph(app, view);
      const sources = graph.nodes.filter((node) => node.attributes.type === 'source').map((node) => node.key);
      const script = (await downloadExport(app, 'cypher', view.query)).toString('utf8');
      cases.set(view.name, { script, graph, documents: await documentTexts(db, sources) });
    }
  }, 120_000);
  afterAll(async () => {
    await resetAndSeed(db);
  }, 120_000);

  test.each(VIEW_CASES.map((view) => view.name))(
    'the script of the %s view recreates exactly that view in an empty Neo4j, and a second run changes nothing',
    async (name) => {
      const found = cases.get(name);
      if (found === undefined) throw new Error(`no script for ${name}: the set-up failed`);
      await wipe(db);
      await runCypherScript(found.script);
      const recreated = async () => {
        const after = ((await request(app).get('/api/graph')).body as GraphView).graph;
        return { nodes: byKey(after.nodes), edges: byKey(after.edges), documents: await documentTexts(db, Object.keys(found.documents)) };
      };
      // The texts of the view's sources come along, so the reader and the evidence checks work on the copy.
      const first = await recreated();
      expect(first).toEqual({ nodes: byKey(found.graph.nodes), edges: byKey(found.graph.edges), documents: found.documents });
      const stored = await storedCounts();
      await runCypherScript(found.script);
      expect(await storedCounts()).toEqual(stored);
      expect(await recreated()).toEqual(first);
    },
    120_000,
  );
});

describe('round trips', () => {
  test('STIX: export the seeded graph, import it into an empty database, and every incident’s attribution is the same', async () => {
    const incidents = ((await request(app).get('/api/incidents?limit=200')).body as { items: Array<{ id: string }> }).items.map(
      (incident) => incident.id,
    );
    type Side = Attribution['accused'][number];
    const sides = (target: string, side: Omit<Side, 'actor'>) => ({
      target,
      asserts: side.assertedBy.map((entry) => entry.claimant.id).sort(),
      denies: side.deniedBy.map((entry) => entry.claimant.id).sort(),
      neither: side.declinedBy.map((entry) => entry.claimant.id).sort(),
      // Affiliations travel with their actors, so the claimants that count as one voice stay the same.
      independent: side.independentClaimants,
    });
    const byTarget = (a: { target: string }, b: { target: string }) => a.target.localeCompare(b.target);
    const answers = async () => {
      const all: Record<string, unknown> = {};
      for (const id of incidents) {
        const body = (await request(app).get(`/api/incidents/${id}/attribution`)).body as Attribution;
        all[id] = {
          accused: body.accused.map((accused) => sides(accused.actor.id, accused)).sort(byTarget),
          explanations: body.explanations.map((explained) => sides(explained.explanation.id, explained)).sort(byTarget),
        };
      }
      return all;
    };
    // What the claims themselves say: accusations with their incidents, evidence and quote offsets, dates and their basis, explanations.
    const claimFacts = async () => {
      const { graph } = (await request(app).get('/api/graph')).body as GraphView;
      const kept = new Set(['ACCUSES', 'REPORTED_IN', 'CHARACTERIZES', 'AFFILIATED_WITH', 'MADE', 'ABOUT']);
      return {
        nodes: graph.nodes
          .filter((node) => node.attributes.type === 'claim' || node.attributes.type === 'explanation')
          .sort((a, b) => a.key.localeCompare(b.key)),
        edges: graph.edges.filter((edge) => kept.has(edge.attributes.type)).sort((a, b) => a.key.localeCompare(b.key)),
      };
    };
    const before = await answers();
    const facts = await claimFacts();
    expect(facts.nodes.some((node) => node.attributes.type === 'explanation')).toBe(true);
    const bundle = JSON.parse((await exportOf('stix', 'view=graph')).body.toString('utf8')) as {
      objects: Array<{ type: string; x_claimgraph_text?: string; x_claimgraph_type?: string }>;
    };
    // The export carries the documents, so the evidence spans can be checked again on import.
    expect(bundle.objects.some((object) => object.type === 'report' && typeof object.x_claimgraph_text === 'string')).toBe(true);
    await wipe(db);
    await ensureSchema(db);
    const imported = await request(app).post('/api/stix').set('Authorization', `Bearer ${TOKEN}`).send(bundle);
    expect(imported.status).toBe(200);
    expect(imported.body.created.nodes).toBeGreaterThan(0);
    expect(await answers()).toEqual(before);
    expect(await claimFacts()).toEqual(facts);
    // Importing again changes nothing.
    const signed = await signature(db);
    const again = await request(app).post('/api/stix').set('Authorization', `Bearer ${TOKEN}`).send(bundle);
    expect(again.body.created.nodes).toBe(0);
    expect(await signature(db)).toEqual(signed);
    await resetAndSeed(db);
  });
});

describe('POST /api/stix', () => {
  test('an invalid bundle gets 400 listing its problems, and nothing is written', async () => {
    const before = await signature(db);
    const response = await request(app)
      .post('/api/stix')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ type: 'bundle', id: 'bundle--nope', objects: [{ type: 'incident', id: 'incident--x' }] });
    expect(response.status).toBe(400);
    expect(response.body.errors.length).toBeGreaterThan(0);
    // The fields are the StixValidationError's own: the bundle's id, not a piece of a message.
    expect(response.body.errors).toEqual([{ field: 'id', message: expect.stringContaining('STIX identifier') }]);
    expect(await signature(db)).toEqual(before);
  });

  test('needs the bearer token', async () => {
    expect((await request(app).post('/api/stix').send({ type: 'bundle' })).status).toBe(401);
    expect((await request(testApp(db)).post('/api/stix').set('Authorization', `Bearer ${TOKEN}`).send({ type: 'bundle' })).status).toBe(
      403,
    );
  });

  test('an oversized bundle gets 413', async () => {
    const small = testApp(db, { WRITE_TOKEN: TOKEN, BODY_LIMIT: '10kb' });
    const response = await request(small)
      .post('/api/stix')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ type: 'bundle', pad: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
  });
});

// Keeps the write transaction helper honest: a schema change and data in separate transactions.
test('ensureSchema and a write can follow a wipe', async () => {
  try {
    await wipe(db);
    await ensureSchema(db);
    const written = await writeTransaction(db, async (tx) =>
      (await tx.run("CREATE (n:Record {id: 'after-wipe'}) RETURN n.id AS id")).records.map((record) => record.get('id') as string),
    );
    expect(written).toEqual(['after-wipe']);
    const stored = await readTransaction(db, async (tx) => (await tx.run('MATCH (n) RETURN collect(n.id) AS ids')).records[0]?.get('ids'));
    expect(stored).toEqual(['after-wipe']);
    // The unique id constraint ensureSchema made holds for the writes that follow it.
    await expect(writeTransaction(db, (tx) => tx.run("CREATE (:Record {id: 'after-wipe'})"))).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  } finally {
    await resetAndSeed(db);
  }
});
