// Every API route against the real, seeded Neo4j: success, 400, 404 and 503 (database unreachable).
import type { Express } from 'express';
import request from 'supertest';
import { ROUTES } from '../../server/http/routes';
import * as analysis from '../../server/model/analysis';
import * as schemas from '../../server/model/api';
import * as hypotheses from '../../server/model/hypotheses';
import { overviewSchema } from '../../server/model/overview';
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';
import { testApp, unreachableApp } from '../support/api';

let db: Database;
let app: Express;

beforeAll(async () => {
  // Shapes and statuses, not speed: a first, unplanned query on a loaded machine must not answer 503 at the 2 s default.
  db = testDatabase({ QUERY_TIMEOUT_MS: '20000' });
  await resetAndSeed(db);
  app = testApp(db);
});
afterAll(async () => {
  await db.close();
});

/** A request that succeeds for each GET route, with the schema its body must match. */
const SAMPLES: Record<string, [string, { parse(value: unknown): unknown }]> = {
  '/health': ['/api/health', schemas.healthSchema],
  '/stats': ['/api/stats', schemas.statsSchema],
  '/overview': ['/api/overview?limit=5', overviewSchema],
  '/search': ['/api/search?q=FBI', schemas.searchResponseSchema],
  '/actors': ['/api/actors?kind=agency', schemas.pageOf(schemas.actorSchema, 'ActorPage')],
  '/actors/:id': ['/api/actors/fbi', schemas.actorDetailSchema],
  '/incidents': ['/api/incidents', schemas.pageOf(schemas.incidentSchema, 'IncidentPage')],
  '/incidents/:id': ['/api/incidents/sony-hack', schemas.incidentSchema],
  '/incidents/:id/attribution': ['/api/incidents/sony-hack/attribution', schemas.attributionSchema],
  '/incidents/:id/ach': ['/api/incidents/nk-internet-outage/ach?asOf=2014-12-31', hypotheses.achSchema],
  '/networks/claimants': ['/api/networks/claimants?incident=sony-hack&mode=subtract&normalize=jaccard', hypotheses.claimantNetworkSchema],
  '/incidents/:id/matrix': ['/api/incidents/sony-hack/matrix?asOf=2014-12-23', analysis.matrixSchema],
  '/contradictions': ['/api/contradictions?incident=sony-hack', analysis.contradictionsSchema],
  '/claims': ['/api/claims?accused=dprk', schemas.pageOf(schemas.claimSummarySchema, 'ClaimPage')],
  '/claims/:id': ['/api/claims/fbi-attributes-sony-hack', schemas.claimDetailSchema],
  '/claims/:id/provenance': ['/api/claims/revenge-us-admitted/provenance', analysis.provenanceSchema],
  '/sources': ['/api/sources', schemas.pageOf(schemas.sourceSchema, 'SourcePage')],
  '/sources/:id': ['/api/sources/src-siliconangle-nk-offline', schemas.sourceDetailSchema],
  '/sources/:id/document': ['/api/sources/src-siliconangle-nk-offline/document', schemas.sourceDocumentSchema],
  '/explanations': ['/api/explanations', schemas.pageOf(schemas.explanationSchema, 'ExplanationPage')],
  '/explanations/:id': ['/api/explanations/infrastructure-failure', schemas.explanationDetailSchema],
  '/graph': ['/api/graph', schemas.graphViewSchema],
  '/graph/neighborhood/:id': ['/api/graph/neighborhood/fbi?depth=2', schemas.graphViewSchema],
  '/graph/paths': ['/api/graph/paths?from=anonymous&to=fbi', schemas.pathsResponseSchema],
  '/graph/chains/:claimId': ['/api/graph/chains/fbi-attributes-sony-hack', schemas.chainSchema],
  // Its JSON format is graphology's serialized graph; the other formats are checked by tests/interchange.
  '/export': ['/api/export?format=json&view=attribution&id=sony-hack', schemas.serializedGraphSchema],
};
const GET_ROUTES = ROUTES.filter((route) => route.method === 'get');

describe('every GET route', () => {
  test('has a sample request here', () => {
    expect(GET_ROUTES.map((route) => route.path).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  test.each(GET_ROUTES.map((route) => [route.path]))('GET %s answers 200 with a body matching its schema', async (path) => {
    const [url, schema] = SAMPLES[path]!;
    const response = await request(app).get(url);
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/json');
    expect(() => schema.parse(response.body)).not.toThrow();
  });

  test.each(GET_ROUTES.map((route) => [route.path]))('GET %s rejects an unknown query key with 400 naming it', async (path) => {
    const [url] = SAMPLES[path]!;
    const response = await request(app).get(`${url}${url.includes('?') ? '&' : '?'}bogus=1`);
    expect(response.status).toBe(400);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'bogus' })]));
  });

  test.each(GET_ROUTES.filter((route) => route.params !== undefined).map((route) => [route.path]))(
    'GET %s answers 404 for an unknown id',
    async (path) => {
      const url = path.replace(/:[A-Za-z]+/, 'no-such-record');
      const response = await request(app).get(`/api${url}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
      expect(response.body.detail).toContain('no-such-record');
    },
  );
});

describe('when Neo4j is unreachable', () => {
  let down: { app: Express; db: Database };
  beforeAll(async () => {
    down = await unreachableApp();
  });
  afterAll(async () => {
    await down.db.close();
  });

  test.each(GET_ROUTES.map((route) => [route.path]))('GET %s answers 503 with Retry-After within 2.5 s', async (path) => {
    const [url] = SAMPLES[path]!;
    const started = Date.now();
    const response = await request(down.app).get(url);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body.title).toBe('Database unavailable');
    expect(JSON.stringify(response.body)).not.toMatch(/Neo\.|ServiceUnavailable|MATCH|at .*\.ts/);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
