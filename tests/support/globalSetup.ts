// Starts a throwaway Neo4j on a free port for the test run, unless NEO4J_URI names a server to use instead.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/localNeo4j';

declare global {
  var __TEST_NEO4J__: { local: LocalNeo4j; home: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI !== undefined && process.env.NEO4J_URI !== '') return;
  const home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-test-neo4j-'));
  const port = await freePort();
  const local = await startLocalNeo4j({ home, port, heap: '1g', pageCache: '256m', log: (line) => process.stdout.write(`${line}\n`) });
  globalThis.__TEST_NEO4J__ = { local, home };
  // Workers start after this and inherit the environment.
  process.env.NEO4J_URI = local.uri;
  process.env.TEST_NEO4J_LOCAL = '1';
  process.env.TEST_NEO4J_PID = String(local.pid);
}
