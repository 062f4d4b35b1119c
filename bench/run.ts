// `npm run bench [-- --quick] [--client DIR]`: loads a synthetic graph into its own Neo4j and measures the loader, the API against the raw driver, floors, depth, the browser and the explorer's first screen.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config';
import { ensureSchema } from '../server/db/schema';
import { syntheticPlan } from '../seed/synthetic';
import { forkApi } from './apiProcess';
import { apiVsRawBench } from './apiVsRaw';
import { BROWSER_SIZES, browserPhase, discardPrepared, LAYOUT_SIZES, prepareBrowserBench, type PreparedBrowserBench } from './browser';
import { launchChromium } from './chromium';
import { openBenchDatabase, type BenchDatabase } from './database';
import {
  checkClientDir,
  DEFAULT_CLIENT_DIR,
  FIRST_SCREEN_RUNS,
  firstScreenBench,
  prepareFirstScreen,
  type PreparedFirstScreen,
} from './firstScreen';
import { floorsBench } from './floors';
import { loaderBench } from './loader';
import { machineInfo, neo4jVersion } from './machine';
import { PhaseClock, round } from './measure';
import { writeReport } from './report';
import { evaluateTargets } from './targets';
import type { BenchArgs, BenchContext, BenchResults, BrowserResults, FirstScreenResults } from './types';
import { pickWorkload, scenarios } from './workload';

/**
 * The bench's settings, plus whether to measure the importer's first load, whether to stop after the loader, and the
 * built explorer the first-screen measurement serves.
 */
type RunArgs = BenchArgs & { bulk: boolean; loaderOnly: boolean; clientDir: string };

function readArgs(argv: string[]): RunArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      claims: { type: 'string' },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      bulk: { type: 'boolean' },
      'no-bulk': { type: 'boolean', default: false },
      'loader-only': { type: 'boolean', default: false },
      client: { type: 'string' },
    },
    strict: true,
  });
  const number = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const parsed = Number(value.replace(/_/g, ''));
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name}: expected a positive number, got ${value}`);
    return parsed;
  };
  const quick = values.quick;
  return {
    quick,
    claims: Math.round(number('claims', values.claims, quick ? 50_000 : 1_000_000)),
    // One run per measurement: a quick run checks every figure in a few minutes; the full run's are the figures.
    runs: Math.round(number('runs', values.runs, quick ? 1 : 3)),
    seconds: number('seconds', values.seconds, quick ? 0.5 : 1),
    seed: Math.round(number('seed', values.seed, 1)),
    browser: !values['no-browser'],
    // The importer's first load (about a minute of JVM work even at the quick size) runs in a full run, or with --bulk.
    bulk: !values['no-bulk'] && (values.bulk ?? !quick),
    loaderOnly: values['loader-only'],
    clientDir: path.resolve(values.client ?? DEFAULT_CLIENT_DIR),
  };
}

const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** `--loader-only`: the loader phase alone, printed and not written to BENCHMARKS.md, for a look at load speed. */
async function loaderOnly(args: RunArgs): Promise<void> {
  const clock = new PhaseClock(log);
  const bench = await openBenchDatabase(args, log);
  try {
    const context: BenchContext = { db: bench.db, args, clock, log };
    await clock.time('schema', () => ensureSchema(bench.db));
    const loader = await loaderBench(context, syntheticPlan({ claims: args.claims, seed: args.seed }), { bulk: args.bulk });
    process.stdout.write(`${JSON.stringify({ loader, phases: clock.phases }, null, 2)}\n`);
  } finally {
    await bench.stop();
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args.loaderOnly) return loaderOnly(args);
  // Said now rather than after minutes of loading.
  if (args.browser) checkClientDir(args.clientDir);
  const started = performance.now();
  log(`${args.quick ? 'quick' : 'full'} run: ${args.claims} claims, ${args.runs} runs of ${args.seconds} s per measurement`);
  const clock = new PhaseClock(log);
  // Nothing is measured while Neo4j starts (about 15 s of JVM start-up), so everything that only has to be
  // ready later starts now: the API process loads the server code, Vite builds the browser page, and the
  // browser's graphs are generated.
  const opening = openBenchDatabase(args, log);
  const api = forkApi(log);
  let preparing: Promise<PreparedBrowserBench> | undefined;
  // The first screen's second Neo4j (the Sony story) and its two API processes start now too.
  let firstScreen: PreparedFirstScreen | undefined;
  if (args.browser) {
    preparing = prepareBrowserBench([...BROWSER_SIZES, ...LAYOUT_SIZES]);
    preparing.catch(() => undefined); // awaited (and its failure reported) by the browser bench
    firstScreen = prepareFirstScreen(args.clientDir, log);
  }
  let bench: BenchDatabase;
  try {
    bench = await opening;
  } catch (error) {
    api.child.disconnect();
    await preparing?.then(discardPrepared, () => undefined);
    await firstScreen?.discard();
    throw error;
  }
  let apiRunning = true;
  const stopApi = () => {
    if (apiRunning) api.child.disconnect();
    apiRunning = false;
  };
  try {
    const { db } = bench;
    const context: BenchContext = { db, args, clock, log };
    // Recorded now that the JVM's pid is known: all of its CPU so far is start-up.
    const cpuBefore = { bench: 0, neo4j: 0, api: 0 };
    clock.watch('neo4j', bench.local?.pid);
    clock.watch('api', api.child.pid);
    clock.record('Neo4j start (API process, browser page and graphs prepared meanwhile)', (performance.now() - started) / 1000, cpuBefore);
    const port = await api.listen(db.uri, bench.local !== undefined);
    await clock.time('schema', () => ensureSchema(db));
    if (firstScreen !== undefined) {
      // Seeded before the loader is timed, so that its load never overlaps a measurement; idle afterwards.
      const sony = await clock.time('Sony story for the first screen (its Neo4j started with the main one)', () => firstScreen.sony);
      clock.watch('neo4j Sony', sony.local.pid);
    }
    const plan = syntheticPlan({ claims: args.claims, seed: args.seed });
    const loader = await loaderBench(context, plan, { bulk: args.bulk });

    const workload = await clock.time('workload (busiest and median incidents)', () => pickWorkload(db, plan, args.seed));
    log(
      `busiest incident ${workload.busyIncident} has ${workload.busyClaims} claims; a median one, ${workload.medianIncident}, ${workload.medianClaims}`,
    );
    const apiResults = await apiVsRawBench(context, api, port, scenarios(workload));
    stopApi();

    const floors = await floorsBench(context, workload.centres[0]!);

    let browser: BrowserResults | undefined;
    let firstScreenResults: FirstScreenResults | undefined;
    if (preparing !== undefined && firstScreen !== undefined) {
      const prepared = preparing;
      const screens = firstScreen;
      // One Chromium for the first screens and the sigma page, so their figures come from the same browser run.
      const chromium = await launchChromium();
      try {
        firstScreenResults = await clock.time('first screen (the explorer at /, synthetic graph and Sony story)', () =>
          firstScreenBench({
            prepared: screens,
            synthetic: { db, local: bench.local !== undefined },
            browser: chromium,
            runs: args.quick ? FIRST_SCREEN_RUNS.quick : FIRST_SCREEN_RUNS.full,
            log,
          }),
        );
        // Neither API process nor the Sony Neo4j is needed any more: stopped before the sigma page is timed.
        await screens.discard();
        browser = await clock.time('browser', () => browserPhase(args, prepared, log, chromium));
      } finally {
        await chromium.close();
      }
    }

    const benchResults: BenchResults = {
      kind: args.quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      seconds: round((performance.now() - started) / 1000, 0),
      machine: { ...machineInfo(), neo4j: await neo4jVersion(db), chromium: browser?.chromium ?? 'not run' },
      settings: {
        claims: args.claims,
        runs: args.runs,
        secondsPerMeasurement: args.seconds,
        seed: args.seed,
        queryTimeoutMs: db.queryTimeoutMs,
      },
      dataset: {
        id: plan.datasetId,
        actors: plan.actors,
        incidents: plan.incidents,
        sources: plan.sources,
        claims: plan.claims,
        busiestIncident: workload.busyIncident,
        busiestIncidentClaims: workload.busyClaims,
        medianIncident: workload.medianIncident,
        medianIncidentClaims: workload.medianClaims,
      },
      loader,
      api: apiResults,
      floors,
      browser,
      firstScreen: firstScreenResults,
      phases: clock.phases,
      targets: [],
    };
    benchResults.targets = evaluateTargets(benchResults);
    for (const target of benchResults.targets) log(`${target.met ? 'MET   ' : 'MISSED'} ${target.name}: ${target.measured}`);
    writeReport(benchResults, PROJECT_ROOT);
    log(`done in ${benchResults.seconds} s; wrote bench/${args.quick ? 'results-quick' : 'results'}.json and BENCHMARKS.md`);
  } finally {
    stopApi();
    // Left over when the bench failed before the browser bench (which removes the page) ran.
    await preparing?.then(discardPrepared, () => undefined);
    await firstScreen?.discard();
    await clock.time('Neo4j stop', () => bench.stop());
  }
}

if (require.main === module) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
}
