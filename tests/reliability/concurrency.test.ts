// Reliability #6 in `npm test`: 20 parallel imports of the same dataset leave exactly one copy.
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';
import { testApp } from '../support/api';
import { syntheticDataset } from '../hard/support/synthetic';
import { concurrentImportScenario } from './support/concurrency';

const TOKEN = 'concurrency-token-0123456789';
let db: Database;
beforeAll(async () => {
  db = testDatabase();
});
afterAll(async () => {
  await db.close();
});

test('20 parallel POST /api/datasets of the same dataset: all 200, exactly one copy, no duplicate ids', async () => {
  await resetAndSeed(db);
  // Shares its hub actor and incident across many claims, so the imports contend for the same nodes and locks.
  const dataset = syntheticDataset({ seed: 6, claims: 300, actors: 40, incidents: 10, sources: 30, prefix: 'conc-' });
  const app = testApp(db, { WRITE_TOKEN: TOKEN });
  const result = await concurrentImportScenario(app, db, { token: TOKEN, dataset, reset: async () => void (await resetAndSeed(db)) });
  process.stdout.write(`concurrency: ${result.figure}\n`);
  expect(result.failures).toEqual([]);
  expect(result.details!.statuses).toEqual(Array(20).fill(200));
}, 300_000);
