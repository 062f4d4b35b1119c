// `npm run seed:synthetic -- --claims N --seed S [--bulk]`: generates a synthetic dataset chunk by chunk and loads it in resumable batches (or, into an empty local database, through Neo4j's importer), showing rows/s.
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../server/config';
import { bulkLoad, localBulkHome } from '../server/db/bulkImport';
import { openDatabase } from '../server/db/neo4j';
import { printGraphCounts, runCli } from './console';
import { loadInBatches, ROWS_PER_STATEMENT } from '../server/db/batchLoad';
import { ensureSchema } from '../server/db/schema';
import { syntheticChunks, syntheticPlan, type SyntheticPlan } from './synthetic';

const USAGE = `usage: npm run seed:synthetic -- --claims N [--seed S] [--chunk-size N] [--rows-per-statement N]
       [--relationships create|merge] [--restart]
       npm run seed:synthetic -- --claims N [--seed S] [--chunk-size N] --bulk

Generates N synthetic claims (with actors, incidents and sources in proportion) and loads them into the
Neo4j that NEO4J_URI names, or the local one (NEO4J_HEAP and NEO4J_PAGECACHE size a local instance this
command starts; about 4g each suits a million claims). An interrupted load resumes where it stopped;
--restart loads every chunk again.

--bulk makes a first load into an empty local database with Neo4j's offline importer instead: the chunks
are written as CSV, imported while the local instance is stopped, and the instance is then started to
create the schema and the kept tallies. It refuses NEO4J_URI, a running local instance, and a database
that holds anything; the online loader stays the way to add to a database.`;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(value)}`);
  return parsed;
}

export function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      claims: { type: 'string' },
      seed: { type: 'string' },
      'chunk-size': { type: 'string' },
      'rows-per-statement': { type: 'string' },
      relationships: { type: 'string' },
      restart: { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.bulk) {
    // The importer writes every relationship once into an empty store: batching, MERGE and resuming have no meaning there.
    const online = (['rows-per-statement', 'relationships', 'restart'] as const).filter(
      (name) => values[name] !== undefined && values[name] !== false,
    );
    if (online.length > 0) throw new Error(`--bulk: ${online.map((name) => `--${name}`).join(', ')} applies only to the online loader`);
  }
  const relationships = values.relationships ?? 'create';
  if (relationships !== 'create' && relationships !== 'merge') {
    throw new Error(`--relationships: expected create or merge, got ${JSON.stringify(relationships)}`);
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`--seed: expected an integer 0–4294967295, got ${values.seed}`);
  return {
    claims: positiveInteger('claims', values.claims, 10_000),
    seed,
    chunkSize: positiveInteger('chunk-size', values['chunk-size'], 20_000),
    rowsPerStatement: positiveInteger('rows-per-statement', values['rows-per-statement'], ROWS_PER_STATEMENT),
    relationships: relationships as 'create' | 'merge',
    restart: values.restart,
    bulk: values.bulk,
  };
}

async function main(): Promise<number> {
  const args = parseCli(process.argv.slice(2));
  if (args === undefined) {
    console.log(USAGE);
    return 0;
  }
  const plan = syntheticPlan({ claims: args.claims, seed: args.seed, chunkSize: args.chunkSize });
  console.log(
    `${plan.datasetId}: ${plan.claims} claims, ${plan.actors} actors, ${plan.incidents} incidents, ${plan.sources} sources in ${plan.chunkCount} chunk(s)`,
  );
  const config = loadConfig();
  if (args.bulk) return bulkMain(config, plan);
  const db = await openDatabase(config, (line) => console.log(line));
  try {
    await ensureSchema(db);
    const bar = new SingleBar(
      {
        format: 'chunks [{bar}] {value}/{total} | {nodes} nodes, {relationships} relationships | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5000,
        etaBuffer: 20,
      },
      Presets.shades_classic,
    );
    bar.start(plan.chunkCount, 0, { nodes: 0, relationships: 0, rate: 0 });
    let summary;
    try {
      summary = await loadInBatches(
        db,
        { id: plan.datasetId, title: plan.title, version: plan.fingerprint, fingerprint: plan.fingerprint, chunkCount: plan.chunkCount },
        (first) => syntheticChunks(plan, first),
        {
          rowsPerStatement: args.rowsPerStatement,
          relationships: args.relationships,
          resume: !args.restart,
          onProgress: (p) =>
            bar.update(p.chunksDone, { nodes: p.nodes, relationships: p.relationships, rate: Math.round(p.rowsPerSecond) }),
        },
      );
    } finally {
      bar.stop();
    }
    const seconds = summary.milliseconds / 1000;
    if (summary.resumedFrom > 0) console.log(`resumed after chunk ${summary.resumedFrom} of ${plan.chunkCount}`);
    console.log(
      `${summary.nodes} nodes (${summary.nodesCreated} new) and ${summary.relationships} relationships (${summary.relationshipsCreated} created) in ${seconds.toFixed(1)} s: ` +
        `${Math.round((summary.nodes + summary.relationships) / seconds)} rows/s overall; ` +
        `nodes ${Math.round(summary.nodes / (summary.nodeMilliseconds / 1000))} rows/s, relationships ${Math.round(summary.relationships / (summary.relationshipMilliseconds / 1000))} rows/s`,
    );
    await printGraphCounts(db, 120_000);
    return 0;
  } finally {
    await db.close();
  }
}

/** The first load through Neo4j's importer; the instance it starts afterwards stops when the command ends. */
async function bulkMain(config: Config, plan: SyntheticPlan): Promise<number> {
  const home = await localBulkHome(config);
  const log = (line: string) => console.log(line);
  const { db, summary } = await bulkLoad({
    home,
    header: {
      id: plan.datasetId,
      title: plan.title,
      version: plan.fingerprint,
      fingerprint: plan.fingerprint,
      chunkCount: plan.chunkCount,
    },
    chunks: () => syntheticChunks(plan),
    open: () => openDatabase(config, log),
    javaHome: config.NEO4J_JAVA_HOME,
    heap: config.NEO4J_HEAP,
    offHeap: config.NEO4J_PAGECACHE,
    log,
  });
  try {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const { phases } = summary;
    console.log(
      `${summary.nodes} nodes and ${summary.relationships} relationships in ${seconds(summary.milliseconds)}: ` +
        `${Math.round((summary.nodes + summary.relationships) / (summary.milliseconds / 1000))} rows/s overall ` +
        `(CSV ${seconds(phases.csv)}, importer ${seconds(phases.importer)}, start ${seconds(phases.start)}, schema ${seconds(phases.schema)}, ` +
        `empty lists ${seconds(phases.emptyLists)}, tallies ${seconds(phases.tallies)})`,
    );
    await printGraphCounts(db, 120_000);
    return 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) runCli('seed:synthetic', main);
