// The API over a neo4j:// (routing) driver: reads and writes go through the routing table unchanged, as they would against a cluster or Aura.
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { readTransaction, type Database } from '../../server/db/neo4j';
import { testApp } from '../support/api';
import { FIXTURE_FILE, resetAndSeed, testDatabase } from '../support/db';

let direct: Database;
let routed: Database;
let app: Express;
const TOKEN = 'routing-test-token';

beforeAll(async () => {
  // Routing is under test, not latency: a generous timeout keeps a busy machine from turning a slow plan into a 503.
  direct = testDatabase({ QUERY_TIMEOUT_MS: '30000' });
  await resetAndSeed(direct);
  const boltUri = process.env.NEO4J_URI ?? '';
  expect(boltUri).toMatch(/^bolt:\/\//);
  routed = testDatabase({ NEO4J_URI: boltUri.replace(/^bolt:\/\//, 'neo4j://'), QUERY_TIMEOUT_MS: '30000' });
  app = testApp(routed, { WRITE_TOKEN: TOKEN });
});
afterAll(async () => {
  await routed?.close();
  await direct?.close();
});

describe('API over neo4j:// routing', () => {
  test('the server hands out a routing table with reader, writer and router, and the routed driver uses it', async () => {
    expect(routed.uri.startsWith('neo4j://')).toBe(true);
    // This is the procedure a neo4j:// driver calls (via the ROUTE message) before its first query.
    const table = await readTransaction(direct, (tx) =>
      tx.run('CALL dbms.routing.getRoutingTable({}, $db) YIELD servers RETURN servers', { db: direct.database ?? null }),
    );
    const servers = table.records[0]?.get('servers') as Array<{ role: string; addresses: string[] }>;
    expect(new Set(servers.map((server) => server.role))).toEqual(new Set(['READ', 'WRITE', 'ROUTE']));
    await routed.driver.verifyConnectivity();
    const one = await readTransaction(routed, (tx) => tx.run('RETURN 1 AS one'));
    expect(Number(one.records[0]?.get('one'))).toBe(1);
  });

  test.each([
    ['/api/health'],
    ['/api/stats'],
    ['/api/search?q=FBI'],
    ['/api/actors/fbi'],
    ['/api/incidents/sony-hack/attribution'],
    ['/api/graph/neighborhood/fbi?depth=2'],
    ['/api/graph/paths?from=anonymous&to=fbi'],
    ['/api/claims?accused=dprk'],
  ])('GET %s answers 200', async (path) => {
    const response = await request(app).get(path);
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/json/);
  });

  test('a write goes to the writer through the routing table', async () => {
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as object;
    const response = await request(app).post('/api/datasets').set('Authorization', `Bearer ${TOKEN}`).send(dataset);
    expect(response.status).toBe(200);
    const check = await request(app).get('/api/actors/delta-group');
    expect(check.status).toBe(200);
  });
});
