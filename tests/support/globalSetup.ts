// Starts one throwaway Neo4j per Jest worker on free ports, seeds and warms each, unless NEO4J_URI names a server to use instead.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from 'jest';
import { ensureLauncherBuilt, findJava, freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/localNeo4j';
import { ROUTES } from '../../server/http/routes';
import { warmUp } from '../../server/http/warmUp';
import { resetAndSeed, testDatabase } from './db';
import { WORKER_NEO4J_URIS } from './workerNeo4j';

declare global {
  var __TEST_NEO4J__: Array<{ local: LocalNeo4j; home: string }> | undefined;
}

interface GlobalConfig {
  maxWorkers: Config['maxWorkers'];
  runInBand?: boolean;
}

/**
 * One instance per worker, or one when Jest runs the files in band: asked to, or given a single file (sequencer.js
 * counts them; Jest sorts the files before it runs this setup). Fewer files than workers still get every worker's
 * instance, since which worker ids Jest then uses is its own affair.
 */
function instancesNeeded(globalConfig: GlobalConfig): number {
  if (globalConfig.runInBand === true || process.env.TEST_FILE_COUNT === '1') return 1;
  return Math.max(1, Number(globalConfig.maxWorkers) || 1);
}

export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  const own = process.env.NEO4J_URI === undefined || process.env.NEO4J_URI === '';
  // jest.config.js asks for one worker when NEO4J_URI names a server: test files wipe the database they use.
  const uris = own ? await startOwnNeo4js(instancesNeeded(globalConfig)) : [process.env.NEO4J_URI as string];
  // As `npm start` does before it listens: every read route runs once, so no test pays for a cold plan.
  await Promise.all(uris.map((uri) => seedAndWarm(uri)));
}

async function seedAndWarm(uri: string): Promise<void> {
  const db = testDatabase({ NEO4J_URI: uri });
  try {
    await resetAndSeed(db);
    const report = await warmUp({ db }, ROUTES);
    process.stdout.write(`${uri}: warmed ${report.routes} read routes in ${report.milliseconds} ms\n`);
    if (report.failed.length > 0) throw new Error(`warm-up failed on the seeded story at ${uri}: ${report.failed.join(', ')}`);
  } finally {
    await db.close();
  }
}

async function startOwnNeo4js(count: number): Promise<string[]> {
  // Built once before the instances start side by side, so that two Maven builds never race on one target folder.
  ensureLauncherBuilt(findJava(), (line) => process.stdout.write(`${line}\n`));
  const started = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const home = mkdtempSync(path.join(os.tmpdir(), `claim-graph-test-neo4j-${index + 1}-`));
      const local = await startLocalNeo4j({
        home,
        port: await freePort(),
        heap: '1g',
        pageCache: '256m',
        log: (line) => process.stdout.write(`[neo4j ${index + 1}] ${line}\n`),
      });
      return { local, home };
    }),
  );
  globalThis.__TEST_NEO4J__ = started;
  // Workers start after this and inherit the environment; each takes its own URI from the list (workerNeo4j.ts).
  process.env[WORKER_NEO4J_URIS] = started.map(({ local }) => local.uri).join(',');
  process.env.TEST_NEO4J_LOCAL = '1';
  return started.map(({ local }) => local.uri);
}
