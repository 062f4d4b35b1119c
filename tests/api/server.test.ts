// `npm start` as a process: a bad setting stops it with a clear message; SIGTERM drains requests in flight and exits 0.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';
import { sigtermScenario } from '../reliability/support/shutdown';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
});
afterAll(async () => {
  await db.close();
});

describe('server/main.ts', () => {
  test('a bad setting stops start-up with a message naming it', () => {
    const run = spawnSync(process.execPath, [TSX, 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT:');
    expect(run.stderr).toContain('"eighty"');
  });

  test('SIGTERM with 20 requests in flight: all complete, exit 0 within 10 s, no handle left open', async () => {
    const result = await sigtermScenario({ env: {} });
    expect(result.failures).toEqual([]);
    expect(result.details!.statuses).toEqual(Array(20).fill(200));
    expect(result.details!.code).toBe(0);
  });
});
