// Reliability #8 in `npm test`: helmet headers on every response of every route, 413, 400, CORS allowlist and 429, all in one sweep.
import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import type { Database } from '../../server/db/neo4j';
import { FIXTURE_FILE, resetAndSeed, testDatabase } from '../support/db';
import { testApp, unreachableApp } from '../support/api';
import { edgesScenario } from './support/edges';

const TOKEN = 'edges-token-0123456789';
let db: Database;
let down: { app: Express; db: Database };
beforeAll(async () => {
  // A generous query timeout: this is not about speed, and a just-started Neo4j on a busy machine can take seconds to plan a query.
  db = testDatabase({ QUERY_TIMEOUT_MS: '20000' });
  await resetAndSeed(db);
  down = await unreachableApp();
});
afterAll(async () => {
  await db.close();
  await down.db.close();
});

test('every route: helmet headers and no X-Powered-By on 2xx/4xx/5xx, 413, 400, no CORS for a foreign origin, 429 with RateLimit', async () => {
  const result = await edgesScenario({
    token: TOKEN,
    app: (env) => testApp(db, env),
    downApp: down.app,
    dataset: JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')),
  });
  process.stdout.write(`edges: ${result.figure}\n`);
  expect(result.failures).toEqual([]);
  // Every kind of answer was looked at, errors included.
  expect(Object.keys(result.details!.statuses as object)).toEqual(
    expect.arrayContaining(['200', '400', '401', '404', '413', '429', '503']),
  );
}, 300_000);
