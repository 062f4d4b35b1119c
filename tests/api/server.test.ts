// `npm start` as a process: a bad setting stops it with a clear message; SIGTERM drains requests in flight and exits 0.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../server/db/localNeo4j';
import type { Database } from '../../server/db/neo4j';
import { resetAndSeed, testDatabase } from '../support/db';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

let db: Database;
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  // A failed assertion must not leave the server running.
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
});
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

  test('SIGTERM with 20 requests in flight: all complete, exit 0 within 10 s', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ['--require', 'tsx/cjs', 'server/main.ts'], {
      cwd: ROOT,
      // A generous query timeout: this test is about draining, and a just-started Neo4j plans slowly.
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', QUERY_TIMEOUT_MS: '20000' },
    });
    let output = '';
    child = server;
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !output.includes('is serving'); i++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain('is serving');

    // Heavier requests so they are still running when the signal arrives; planned once first, as on a warm server.
    const urls = [`${base}/api/incidents/sony-hack/attribution`, `${base}/api/graph/neighborhood/dprk?depth=3&limit=500`];
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    const inFlight = Array.from({ length: 20 }, (_, i) => fetch(urls[i % 2]!).then((response) => response.status));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const signalled = Date.now();
    server.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    const code = await exited;
    expect(statuses).toEqual(Array(20).fill(200));
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(output).toContain('stopped');
  });
});
