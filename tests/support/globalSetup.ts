// Starts a throwaway Neo4j on a free port for the test run, unless NEO4J_URI names a server to use instead.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/localNeo4j';
import { ROUTES } from '../../server/http/routes';
import { warmUp } from '../../server/http/warmUp';
import { resetAndSeed, testDatabase } from './db';

declare global {
  var __TEST_NEO4J__: { local: LocalNeo4j; home: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI === undefined || process.env.NEO4J_URI === '') await startOwnNeo4j();
  // As `npm start` does before it listens: every read route runs once, so no test pays for a cold plan.
  const db = testDatabase();
  try {
    await resetAndSeed(db);
    const report = await warmUp({ db }, ROUTES);
    process.stdout.write(`warmed ${report.routes} read routes in ${report.milliseconds} ms\n`);
    if (report.failed.length > 0) throw new Error(`warm-up failed on the seeded story: ${report.failed.join(', ')}`);
  } finally {
    await db.close();
  }
}

async function startOwnNeo4j(): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-test-neo4j-'));
  const port = await freePort();
  const local = await startLocalNeo4j({ home, port, heap: '1g', pageCache: '256m', log: (line) => process.stdout.write(`${line}\n`) });
  globalThis.__TEST_NEO4J__ = { local, home };
  // Workers start after this and inherit the environment.
  process.env.NEO4J_URI = local.uri;
  process.env.TEST_NEO4J_LOCAL = '1';
  process.env.TEST_NEO4J_PID = String(local.pid);
}
