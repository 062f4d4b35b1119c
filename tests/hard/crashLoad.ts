// Reliability #5: the real loader CLI (`seed/cli.ts`) or Neo4j is SIGKILLed at random points of a large load; the graph is always "before" or "after".
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeTransaction } from '../../server/db/neo4j';
import { resetAndSeed } from '../support/db';
import type { ScenarioResult } from '../reliability/support/http';
import { duplicateIds, idSignature, settledSignature, type IdSignature } from '../reliability/support/signature';
import type { OwnNeo4j } from './support/neo4j';
import { prng, syntheticDataset } from './support/synthetic';

const ROOT = path.resolve(__dirname, '..', '..');
export const CRASH_DATASET = {
  seed: 5,
  claims: 1500,
  actors: 75,
  incidents: 30,
  sources: 150,
  prefix: 'crash-',
  datasetId: 'crash-load',
} as const;

interface LoaderRun {
  pid: number;
  exited: Promise<number | null>;
  output: () => string;
  kill: () => void;
  /** Ms after spawn at which the CLI printed its "created … in N ms" line, and that N: when the load transaction ran. */
  loaded: () => { at: number; loadMs: number } | undefined;
}

function runLoader(file: string, uri: string): LoaderRun {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'seed/cli.ts', file], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'warn' },
  });
  let output = '';
  const spawnedAt = Date.now();
  let loaded: { at: number; loadMs: number } | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    const line = /relationships created, \d+ properties set in (\d+) ms/.exec(output);
    if (line !== null && loaded === undefined) loaded = { at: Date.now() - spawnedAt, loadMs: Number(line[1]) };
  });
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { pid: child.pid!, exited, output: () => output, kill: () => child.kill('SIGKILL'), loaded: () => loaded };
}

const same = (a: IdSignature, b: IdSignature) => a.nodes === b.nodes && a.relationships === b.relationships && a.hash === b.hash;

export async function crashLoadScenario(
  neo4j: OwnNeo4j,
  options: { kills: number; seed: number; workDir: string },
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const failures: string[] = [];
  const file = path.join(options.workDir, 'crash-load.json');
  writeFileSync(file, JSON.stringify(syntheticDataset(CRASH_DATASET)));
  const random = prng(options.seed);

  let db = neo4j.database();
  await resetAndSeed(db);
  const before = await idSignature(db);
  const removeLoad = async () => {
    // Back to "before": the load's own records and its dataset node go; the seed's records stay.
    await writeTransaction(
      db,
      (tx) =>
        tx.run('MATCH (n) WHERE (n:Record AND n.id STARTS WITH $prefix) OR (n:Dataset AND n.id = $dataset) DETACH DELETE n', {
          prefix: CRASH_DATASET.prefix,
          dataset: CRASH_DATASET.datasetId,
        }),
      120_000,
    );
  };

  // One undisturbed load gives "after" and how long a load takes.
  const fullStarted = Date.now();
  const reference = runLoader(file, neo4j.uri);
  const referenceCode = await reference.exited;
  const fullMs = Date.now() - fullStarted;
  if (referenceCode !== 0) throw new Error(`the reference load failed (exit ${referenceCode}):\n${reference.output().slice(-2000)}`);
  const after = await idSignature(db);
  if (same(after, before)) throw new Error('the reference load changed nothing');
  const window = reference.loaded();
  if (window === undefined) throw new Error(`the loader never reported its load:\n${reference.output().slice(-2000)}`);
  // The transaction ran from (printed − load time) to printed; kills aim at that window, widened by a
  // quarter on each side because timings vary from run to run.
  const windowStart = Math.max(0, window.at - window.loadMs * 1.25);
  const windowLength = window.loadMs * 1.5;
  log(
    `crash-load: before ${before.nodes}/${before.relationships}, after ${after.nodes}/${after.relationships}; a loader run takes ${fullMs} ms, its transaction ran from ${
      window.at - window.loadMs
    } to ${window.at} ms`,
  );
  await removeLoad();
  if (!same(await idSignature(db), before)) throw new Error('removing the load did not restore "before"');

  const outcomes = { before: 0, after: 0, between: 0 };
  let reruns = 0;
  for (let i = 0; i < options.kills; i++) {
    const target = i % 2 === 0 ? 'loader' : 'neo4j';
    const delay = Math.round(windowStart + windowLength * random());
    const loader = runLoader(file, neo4j.uri);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (target === 'loader') {
      loader.kill();
      await loader.exited;
    } else {
      await db.close();
      await neo4j.kill();
      await loader.exited;
      await neo4j.restart();
      db = neo4j.database();
    }
    const seen = await settledSignature(db);
    const duplicates = await duplicateIds(db);
    const state = same(seen, before) ? 'before' : same(seen, after) ? 'after' : 'between';
    outcomes[state]++;
    log(
      `crash-load: kill ${i + 1}/${options.kills} (${target} at ${delay} ms): ${state} (${seen.nodes} nodes, ${seen.relationships} rels)`,
    );
    if (state === 'between')
      failures.push(`kill ${i + 1} (${target} at ${delay} ms) left ${seen.nodes} nodes / ${seen.relationships} rels`);
    if (duplicates.length > 0) failures.push(`kill ${i + 1}: duplicate ids ${duplicates.slice(0, 5).join(', ')}`);

    // A re-run always reaches "after", whatever the kill left.
    const rerun = runLoader(file, neo4j.uri);
    const code = await rerun.exited;
    const again = await settledSignature(db);
    reruns++;
    if (code !== 0 || !same(again, after)) {
      failures.push(
        `re-run after kill ${i + 1} exited ${code} with ${again.nodes} nodes / ${again.relationships} rels: ${rerun.output().slice(-500)}`,
      );
    }
    if ((await duplicateIds(db)).length > 0) failures.push(`re-run after kill ${i + 1} left duplicate ids`);
    await removeLoad();
  }
  await db.close();
  return {
    figure: `${options.kills} kills (${Math.ceil(options.kills / 2)} loader, ${Math.floor(options.kills / 2)} Neo4j) of a ${after.nodes - before.nodes}-node / ${
      after.relationships - before.relationships
    }-relationship load (${(fullMs / 1000).toFixed(1)} s): ${outcomes.before} before, ${outcomes.after} after, ${outcomes.between} in between; ${reruns} re-runs reached "after": ${
      failures.some((f) => f.startsWith('re-run')) ? 'NOT all' : 'all'
    }; kill times aimed at the ${window.loadMs} ms transaction ±25%; duplicate ids: ${failures.some((f) => f.includes('duplicate')) ? 'SOME' : 'none'}`,
    failures,
    details: { outcomes, fullMs, window, before, after },
  };
}
