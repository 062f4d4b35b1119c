// Reliability #1 in `npm test`: Cypher-injection payloads in every parameter of every route leave the graph untouched and leak nothing.
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';
import { testApp } from '../support/api';
import { injectionScenario, PAYLOADS } from './support/injection';

const TOKEN = 'injection-token-0123456789';
let db: Database;
beforeAll(async () => {
  // A generous query timeout: this is not about speed, and a just-started Neo4j on a busy machine can take seconds to plan a query.
  db = testDatabase({ QUERY_TIMEOUT_MS: '20000' });
  await resetAndSeed(db);
});
afterAll(async () => {
  await db.close();
});

test('at least 40 payloads, with backticks literal and escaped, comments and DETACH DELETE', () => {
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  for (const needle of ['`', '\\u0060', '//', '/*', 'DETACH DELETE', "'", '"']) {
    expect(PAYLOADS.some((payload) => payload.includes(needle))).toBe(true);
  }
});

test('no 5xx, the database signature unchanged, no Neo4j error code or Cypher in any body', async () => {
  const result = await injectionScenario(testApp(db, { WRITE_TOKEN: TOKEN }), db, { token: TOKEN });
  process.stdout.write(`injection: ${result.figure}\n`);
  expect(result.failures).toEqual([]);
  // The payloads really reached the routes: both rejections and successes happened, and writes were accepted as data.
  const statuses = result.details!.statuses as Record<string, number>;
  expect(statuses['400']).toBeGreaterThan(0);
  expect(statuses['200']).toBeGreaterThan(0);
  expect(result.details!.textWrites).toBeGreaterThan(0);
}, 600_000);
