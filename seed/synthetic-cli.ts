// `npm run seed:synthetic -- --claims N --seed S`: generates a synthetic dataset chunk by chunk and loads it in resumable batches, showing rows/s.
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/neo4j';
import { printGraphCounts, runCli } from './console';
import { loadInBatches, ROWS_PER_STATEMENT } from '../server/db/batchLoad';
import { ensureSchema } from '../server/db/schema';
import { syntheticChunks, syntheticPlan } from './synthetic';

const USAGE = `usage: npm run seed:synthetic -- --claims N [--seed S] [--chunk-size N] [--rows-per-statement N]
       [--relationships create|merge] [--restart]

Generates N synthetic claims (with actors, incidents and sources in proportion) and loads them into the
Neo4j that NEO4J_URI names, or the local one (NEO4J_HEAP and NEO4J_PAGECACHE size a local instance this
command starts; about 4g each suits a million claims). An interrupted load resumes where it stopped;
--restart loads every chunk again.`;

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
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
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
  const db = await openDatabase(loadConfig(), (line) => console.log(line));
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

if (require.main === module) runCli('seed:synthetic', main);
