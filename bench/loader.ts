// Loader phase: the full synthetic load in resumable batches, then a small sample loaded one query per row and batched, for the ratio; then the same first load through Neo4j's importer.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { loadInBatches } from '../server/db/batchLoad';
import { bulkLoad, type BulkLoadSummary } from '../server/db/bulkImport';
import { graphCounts } from '../server/db/counts';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../server/db/localNeo4j';
import { actorRow, claimRow, datasetLinks, incidentRow, linksStatement, MERGE_NODES, sourceRow } from '../server/db/load';
import { connectDatabase, writeTransaction, type Database } from '../server/db/neo4j';
import { RELATIONSHIP_TYPES } from '../server/model/vocabulary';
import { syntheticChunks, syntheticDataset, syntheticPlan, type SyntheticPlan } from '../seed/synthetic';
import { spread } from './measure';
import type { BenchContext, LoaderResults } from './types';

/** The same first load through Neo4j's offline importer, beside the online loader's, in seconds. */
export interface BulkLoadResults {
  claims: number;
  nodes: number;
  relationships: number;
  csvMegabytes: number;
  /** From the first chunk to a started database with schema, empty lists, tallies and the Dataset node. */
  seconds: number;
  /** The same without starting the instance after the import: the online side's instance was started before it, too. */
  secondsWithoutStart: number;
  phases: Record<keyof BulkLoadSummary['phases'], number>;
  onlineSeconds: number;
  /** The online load ÷ the bulk path without the instance's start: the "ours ÷ importer". */
  ratio: number;
  /** The online load ÷ the importer's own run alone, the stricter reading. */
  ratioToImporterAlone: number;
}

export type LoaderResultsWithBulk = LoaderResults & { bulk?: BulkLoadResults };

/** The bulk side of a loader result, when the run measured it. */
export const bulkOf = (loader: LoaderResults): BulkLoadResults | undefined => (loader as LoaderResultsWithBulk).bulk;

const headerOf = (plan: SyntheticPlan) => ({
  id: plan.datasetId,
  title: plan.title,
  version: plan.fingerprint,
  fingerprint: plan.fingerprint,
  chunkCount: plan.chunkCount,
});

async function deleteDataset(db: Database, plan: SyntheticPlan): Promise<void> {
  await writeTransaction(
    db,
    async (tx) => {
      await tx.run('MATCH (n:Record) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: plan.prefix });
      await tx.run('MATCH (d:Dataset {id: $id}) DELETE d', { id: plan.datasetId });
    },
    120_000,
  );
}

/** The naive importer: every row is its own query in its own transaction, with the loader's own statements. */
async function loadRowByRow(db: Database, plan: SyntheticPlan): Promise<number> {
  const dataset = syntheticDataset({ claims: plan.claims, seed: plan.seed, chunkSize: plan.chunkSize });
  const nodes = [
    ...dataset.sources.map((s) => ['Source', sourceRow(s)] as const),
    ...dataset.actors.map((a) => ['Actor', actorRow(a)] as const),
    ...dataset.incidents.map((i) => ['Incident', incidentRow(i)] as const),
    ...dataset.claims.map((c) => ['Claim', claimRow(c)] as const),
  ];
  let rows = 0;
  for (const [label, row] of nodes) {
    // The bench's own writes get a generous timeout: a slow first plan on a busy machine is not a finding.
    await writeTransaction(db, (tx) => tx.run(MERGE_NODES, { rows: [row], label, dataset: plan.datasetId }), 30_000);
    rows++;
  }
  const links = datasetLinks(dataset);
  for (const type of RELATIONSHIP_TYPES) {
    const statement = linksStatement(type, 'MERGE');
    for (const link of links[type]) {
      await writeTransaction(db, (tx) => tx.run(statement, { rows: [link] }), 30_000);
      rows++;
    }
  }
  return rows;
}

/**
 * Loads the plan again, into an empty Neo4j of its own, through the importer, and checks it holds what the online
 * load wrote. Sized as the bench's own instance (bench/database.ts), so neither side has more memory.
 */
async function bulkBench({ db, args, log }: BenchContext, plan: SyntheticPlan, onlineSeconds: number): Promise<BulkLoadResults> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bench-bulk-'));
  const heap = process.env.NEO4J_HEAP ?? (args.quick ? '2g' : '4g');
  const pageCache = process.env.NEO4J_PAGECACHE ?? (args.quick ? '1g' : '4g');
  let local: LocalNeo4j | undefined;
  const open = async (): Promise<Database> => {
    local = await startLocalNeo4j({ home, port: await freePort(), heap, pageCache, log });
    const connected = connectDatabase(local.uri, loadConfig({ ...process.env, NEO4J_URI: local.uri }), true);
    return { ...connected, local };
  };
  try {
    const { db: bulk, summary } = await bulkLoad({
      home,
      header: headerOf(plan),
      chunks: () => syntheticChunks(plan),
      open,
      heap,
      offHeap: pageCache,
      log: (line) => log(`  bulk: ${line}`),
    });
    const [expected, loaded] = [await graphCounts(db, 120_000), await graphCounts(bulk, 120_000)];
    await bulk.close();
    if (JSON.stringify(loaded) !== JSON.stringify(expected)) {
      throw new Error(`the bulk load's counts differ from the online load's: ${JSON.stringify(loaded)} vs ${JSON.stringify(expected)}`);
    }
    const seconds = summary.milliseconds / 1000;
    const phases = Object.fromEntries(Object.entries(summary.phases).map(([name, ms]) => [name, ms / 1000])) as BulkLoadResults['phases'];
    return {
      claims: plan.claims,
      nodes: summary.nodes,
      relationships: summary.relationships,
      csvMegabytes: summary.csvBytes / 1e6,
      seconds,
      secondsWithoutStart: seconds - phases.start,
      phases,
      onlineSeconds,
      ratio: onlineSeconds / (seconds - phases.start),
      ratioToImporterAlone: onlineSeconds / phases.importer,
    };
  } finally {
    const started = local as LocalNeo4j | undefined;
    if (started !== undefined && started.pid > 0) {
      // The store is deleted next, so its clean shutdown's checkpoint would write pages nobody reads.
      process.kill(started.pid, 'SIGKILL');
      await started.exited;
    }
    rmSync(home, { recursive: true, force: true });
  }
}

export async function loaderBench(
  context: BenchContext,
  plan: SyntheticPlan,
  options: { bulk?: boolean } = {},
): Promise<LoaderResultsWithBulk> {
  const { db, args, clock, log } = context;
  log(`loading ${plan.claims} claims in ${plan.chunkCount} chunks`);
  let lastLogged = 0;
  const summary = await clock.time('full load', () =>
    loadInBatches(db, headerOf(plan), (first) => syntheticChunks(plan, first), {
      resume: false,
      onProgress: (p) => {
        if (p.chunksDone === p.chunkCount || performance.now() - lastLogged > 15_000) {
          lastLogged = performance.now();
          log(
            `  chunk ${p.chunksDone}/${p.chunkCount}: ${p.nodes} nodes, ${p.relationships} relationships, ${Math.round(p.rowsPerSecond)} rows/s`,
          );
        }
      },
    }),
  );
  const seconds = summary.milliseconds / 1000;

  // The sample comes after the full load so that both ways of loading run on a warmed-up JVM with the
  // node statement planned: on a cold one the one-per-row side of a quick run measured mostly JIT and
  // Cypher planning (about 15 s of Neo4j CPU for 180 rows: 13 rows/s, against about 65 rows/s here).
  // About 2,000 rows (nodes and relationships; about 180 in a quick run): small enough for one query per row.
  // The sample and the full load share one generator and one set of statements, so their rows are alike.
  const sample = syntheticPlan({ claims: args.quick ? 25 : 400, seed: args.seed + 1000, chunkSize: 1_000_000 });
  const perRow: number[] = [];
  const batched: number[] = [];
  let sampleRows = 0;
  await clock.time('loader sample (one per row, then batched)', async () => {
    // One query per row is slow by nature; two runs (one in a quick run) show its spread without eating the time budget.
    for (let run = 0; run < (args.quick ? 1 : Math.min(args.runs, 2)); run++) {
      await deleteDataset(db, sample);
      let started = performance.now();
      sampleRows = await loadRowByRow(db, sample);
      perRow.push(sampleRows / ((performance.now() - started) / 1000));
      await deleteDataset(db, sample);
      started = performance.now();
      const loaded = await loadInBatches(db, headerOf(sample), (first) => syntheticChunks(sample, first), { resume: false });
      batched.push((loaded.nodes + loaded.relationships) / ((performance.now() - started) / 1000));
      log(
        `loader sample run ${run + 1}: ${sampleRows} rows, one per row ${perRow.at(-1)!.toFixed(0)} rows/s, batched ${batched.at(-1)!.toFixed(0)} rows/s`,
      );
    }
    await deleteDataset(db, sample);
  });
  const results: LoaderResultsWithBulk = {
    sampleRows,
    perRowRowsPerSecond: spread(perRow),
    batchedSampleRowsPerSecond: spread(batched),
    ratio: spread(batched.map((rate, i) => rate / perRow[i]!)),
    fullRatio: spread(perRow.map((rate) => (summary.nodes + summary.relationships) / seconds / rate)),
    full: {
      claims: plan.claims,
      nodes: summary.nodes,
      relationships: summary.relationships,
      seconds,
      rowsPerSecond: (summary.nodes + summary.relationships) / seconds,
      nodeRowsPerSecond: summary.nodes / (summary.nodeMilliseconds / 1000),
      relationshipRowsPerSecond: summary.relationships / (summary.relationshipMilliseconds / 1000),
      chunks: summary.chunksLoaded,
    },
  };
  log(
    `loaded ${results.full.nodes} nodes and ${results.full.relationships} relationships in ${results.full.seconds.toFixed(1)} s (${Math.round(results.full.rowsPerSecond)} rows/s)`,
  );
  if (options.bulk ?? true) {
    // After the online side has finished, so the two never share the cores.
    const bulk = await clock.time("first load through Neo4j's importer", () => bulkBench(context, plan, seconds));
    results.bulk = bulk;
    log(
      `bulk first load: ${bulk.seconds.toFixed(1)} s (${bulk.secondsWithoutStart.toFixed(1)} s without the instance's start; importer ${bulk.phases.importer.toFixed(1)} s); ` +
        `ours ÷ importer ${bulk.ratio.toFixed(2)} (${bulk.ratioToImporterAlone.toFixed(2)} against the importer's run alone)`,
    );
  }
  return results;
}
