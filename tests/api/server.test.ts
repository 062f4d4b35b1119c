// `npm start` as a process: a bad setting stops it with a clear message; SIGTERM drains requests in flight and exits 0.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PATIENT, useDatabase } from '../support/db';
import { sigtermScenario } from '../reliability/support/shutdown';

const ROOT = path.resolve(__dirname, '..', '..');

// The server process under test reads the seeded story.
useDatabase({ seed: true, env: PATIENT });

describe('build/server/main.js (what npm start runs)', () => {
  test('a bad setting stops start-up with a message naming it', () => {
    const run = spawnSync(process.execPath, ['build/server/main.js'], {
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
