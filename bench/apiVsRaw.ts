// API phase: each scenario over HTTP (autocannon against the API process) side by side with its recorded Cypher replayed on the raw driver.
import autocannon from 'autocannon';
import { readTransaction, type Database } from '../server/db/neo4j';
import type { ApiProcess } from './apiProcess';
import { percentiles, spread, timedLoop } from './measure';
import { profileQueries, recordingDatabase, type RecordedQuery } from './recording';
import type { BenchContext, LatencyRun, RunsSummary, Scenario, ScenarioResults } from './types';

/** The concurrencies measured, as the keys of ScenarioResults.byConcurrency. */
const CONCURRENCIES = [1, 16];

/**
 * Fewer answers than this and no failure in a timed run, and it runs again for this many requests: a quick run's half
 * second could end before one competing-hypotheses answer (about 0.7 s at 50,000 claims) came back, and left no
 * latency at all.
 */
const MIN_ANSWERS = 3;

async function apiRun(api: ApiProcess, port: number, scenario: Scenario, connections: number, seconds: number): Promise<LatencyRun> {
  const timed = await autocannonRun(api, port, scenario, connections, { duration: seconds });
  // A failure says enough: a scenario past the query timeout (competing hypotheses at 1M claims) is not run again.
  if (timed.latencies.length >= MIN_ANSWERS || timed.errors > 0) return summariseAutocannon(timed);
  // autocannon refuses fewer requests than connections.
  return summariseAutocannon(await autocannonRun(api, port, scenario, connections, { amount: Math.max(MIN_ANSWERS, connections) }));
}

interface AutocannonRun {
  latencies: number[];
  elapsed: number;
  errors: number;
}

function summariseAutocannon(run: AutocannonRun): LatencyRun {
  return { ...percentiles(run.latencies), rps: run.latencies.length / run.elapsed, errors: run.errors };
}

async function autocannonRun(
  api: ApiProcess,
  port: number,
  scenario: Scenario,
  connections: number,
  length: { duration: number } | { amount: number },
): Promise<AutocannonRun> {
  const latencies: number[] = [];
  let item = 0;
  let errors = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const started = performance.now();
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${port}`,
      connections,
      ...length,
      // autocannon stops only at its next sample tick (every second by default), which made a 0.5 s run last 1 s.
      sampleInt: 100,
      timeout: 10,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: scenario.path(item++ % scenario.items) }) }],
    },
    (error, result) => (error ? fail(error as Error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) latencies.push(responseTime);
    else errors++;
  });
  const result = await done;
  const elapsed = (performance.now() - started) / 1000;
  // Requests cut off when the time is up still run in the API process; the raw side must not share Neo4j with
  // them. Those that then failed (a query timeout) count as failed, as the raw side's late failures do.
  const { abandonedFailed } = await api.idle();
  return { latencies, elapsed, errors: errors + result.errors + result.timeouts + abandonedFailed };
}

async function rawRun(db: Database, recorded: RecordedQuery[][], connections: number, seconds: number): Promise<LatencyRun> {
  const run = await timedLoop(connections, seconds * 1000, (index) =>
    readTransaction(db, async (tx) => {
      for (const query of recorded[index % recorded.length]!) await tx.run(query.cypher, query.params);
    }),
  );
  return { ...percentiles(run.latencies), rps: run.latencies.length / run.seconds, errors: run.errors };
}

function summariseRuns(runs: LatencyRun[]): RunsSummary {
  return {
    p50: spread(runs.map((r) => r.p50)),
    p95: spread(runs.map((r) => r.p95)),
    p99: spread(runs.map((r) => r.p99)),
    rps: spread(runs.map((r) => r.rps)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Runs `work` over `items` from `concurrency` parallel loops (the order of completion does not matter). */
async function forEachConcurrently(items: number, concurrency: number, work: (item: number) => Promise<void>): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < items) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items) }, loop));
}

async function scenarioBench({ db, args, log }: BenchContext, api: ApiProcess, port: number, scenario: Scenario): Promise<ScenarioResults> {
  // Record each item's exact statements once (this also warms the plan cache for both sides). Four at a
  // time, and while the API process warms up on the same scenario: nothing here is measured, and the
  // bench's share of the recording (converting records) overlaps Neo4j's and the API's work.
  let phaseStarted = performance.now();
  const recorded: RecordedQuery[][] = Array.from({ length: scenario.items }, () => []);
  // A generous timeout: a recording cut short would leave the raw side with less work than the API.
  const recordingDb = (into: RecordedQuery[]) => recordingDatabase({ ...db, queryTimeoutMs: 60_000 }, into);
  const recording = forEachConcurrently(scenario.items, 4, async (item) => {
    await scenario.call(recordingDb(recorded[item]!), item);
  });
  const warmUp = apiRun(api, port, scenario, 4, Math.min(1, args.seconds));
  await Promise.all([recording, warmUp]);
  const profile = await profileQueries(db, recorded[0]!);
  const preparingSeconds = (performance.now() - phaseStarted) / 1000;
  phaseStarted = performance.now();
  // A quick run measures concurrency 16 only where a target reads it: the other nine scenarios' 16-connection runs took about 20 s of it.
  const concurrencies = args.quick && scenario.judgedAtConcurrency16 !== true ? [1] : CONCURRENCIES;
  const runs = Object.fromEntries(concurrencies.map((c) => [String(c), { api: [] as LatencyRun[], raw: [] as LatencyRun[] }]));
  for (let run = 0; run < args.runs; run++) {
    for (const connections of concurrencies) {
      // Side by side: the API and the raw driver alternate, so machine noise falls on both.
      // Sixteen slow requests need longer than one to give a few hundred samples.
      const seconds = connections > 1 ? 2 * args.seconds : args.seconds;
      runs[String(connections)]!.api.push(await apiRun(api, port, scenario, connections, seconds));
      runs[String(connections)]!.raw.push(await rawRun(db, recorded, connections, seconds));
    }
  }
  log(
    `  recording, warm-up and PROFILE ${preparingSeconds.toFixed(1)} s, measuring ${((performance.now() - phaseStarted) / 1000).toFixed(1)} s`,
  );
  return {
    name: scenario.name,
    profile,
    byConcurrency: Object.fromEntries(
      Object.entries(runs).map(([c, { api, raw }]) => [c, { api: summariseRuns(api), raw: summariseRuns(raw) }]),
    ),
  };
}

/** Every scenario in turn, each a phase of its own. */
export async function apiVsRawBench(
  context: BenchContext,
  api: ApiProcess,
  port: number,
  scenarios: Scenario[],
): Promise<ScenarioResults[]> {
  const results: ScenarioResults[] = [];
  for (const scenario of scenarios) {
    const result = await context.clock.time(`API and raw: ${scenario.name}`, () => scenarioBench(context, api, port, scenario));
    const c1 = result.byConcurrency['1']!;
    const c16 = result.byConcurrency['16'];
    const at16 = c16 === undefined ? '' : `c=16 API p95 ${c16.api.p95.median.toFixed(1)} ms vs raw ${c16.raw.p95.median.toFixed(1)} ms; `;
    context.log(
      `${scenario.name}: c=1 API p50 ${c1.api.p50.median.toFixed(1)} ms vs raw ${c1.raw.p50.median.toFixed(1)} ms; ` +
        `${at16}errors ${c1.api.errors + (c16?.api.errors ?? 0)}`,
    );
    results.push(result);
  }
  return results;
}
