// `npm run bench [-- --quick]`: loads a synthetic graph into its own Neo4j and measures the loader, the API against the raw driver, floors, depth and the browser.
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ManagedTransaction } from 'neo4j-driver';
import { loadInBatches } from '../server/db/batchLoad';
import { actorRow, claimRow, datasetLinks, incidentRow, linksStatement, MERGE_NODES, sourceRow } from '../server/db/load';
import { ensureSchema } from '../server/db/schema';
import { RELATIONSHIP_TYPES } from '../server/model/vocabulary';
import { hashSeed, mulberry32, randomInt } from '../seed/random';
import { syntheticChunks, syntheticDataset, syntheticPlan, type SyntheticPlan } from '../seed/synthetic';
import { loadConfig, PROJECT_ROOT } from '../server/config';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../server/db/localNeo4j';
import { connectDatabase, readTransaction, writeTransaction, type Database } from '../server/db/neo4j';
import * as service from '../server/graph/service';
import type { ApiServerReply, ApiServerRequest } from './apiServer';
import { browserBench, discardPrepared, prepareBrowserBench, type BrowserResults, type PreparedBrowserBench } from './browser';
import { PhaseClock, percentiles, round, spread, timedLoop, type Percentiles, type Spread } from './measure';
import { machineInfo, writeReport, type BenchResults, type Target } from './report';

interface Args {
  quick: boolean;
  claims: number;
  runs: number;
  seconds: number;
  seed: number;
  browser: boolean;
}

function readArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      claims: { type: 'string' },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
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
    runs: Math.round(number('runs', values.runs, quick ? 2 : 3)),
    seconds: number('seconds', values.seconds, quick ? 0.5 : 1),
    seed: Math.round(number('seed', values.seed, 1)),
    browser: !values['no-browser'],
  };
}

const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// ---------------------------------------------------------------- database

interface BenchDatabase {
  db: Database;
  local: LocalNeo4j | undefined;
  stop(): Promise<void>;
}

async function openBenchDatabase(args: Args): Promise<BenchDatabase> {
  const given = process.env.NEO4J_URI;
  let local: LocalNeo4j | undefined;
  let home: string | undefined;
  let uri: string;
  if (given !== undefined && given !== '') {
    uri = given;
    log(`using NEO4J_URI=${uri}; the bench adds its synthetic datasets to it`);
  } else {
    home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bench-neo4j-'));
    const heap = process.env.NEO4J_HEAP ?? (args.quick ? '2g' : '4g');
    const pageCache = process.env.NEO4J_PAGECACHE ?? (args.quick ? '1g' : '4g');
    log(`starting Neo4j (heap ${heap}, page cache ${pageCache}) in ${home}`);
    local = await startLocalNeo4j({ home, port: await freePort(), heap, pageCache, log });
    uri = local.uri;
  }
  const config = loadConfig({ ...process.env, NEO4J_URI: uri });
  const db: Database = { ...connectDatabase(uri, config, local !== undefined), local };
  return {
    db,
    local,
    async stop() {
      await db.close();
      if (local !== undefined) {
        // The store is a temporary directory deleted next, so the clean shutdown's checkpoint (about 12 s
        // of flushing after a quick run) would write pages nobody reads.
        process.kill(local.pid, 'SIGKILL');
        await local.exited;
      }
      if (home !== undefined) rmSync(home, { recursive: true, force: true });
    },
  };
}

async function neo4jVersion(db: Database): Promise<string> {
  const result = await readTransaction(
    db,
    (tx) => tx.run('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition'),
    30_000,
  );
  const record = result.records[0];
  return record === undefined ? 'unknown' : `${record.get('name')} ${record.get('version')} ${record.get('edition')}`;
}

// ---------------------------------------------------------------- loader

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

/** The loader's figures, in the shape the report reads. */
type LoaderResults = BenchResults['loader'];

async function loaderBench(db: Database, args: Args, plan: SyntheticPlan, clock: PhaseClock): Promise<LoaderResults> {
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
  return {
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
}

// ---------------------------------------------------------------- recording the API's Cypher

interface RecordedQuery {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * A Database whose read transactions note every statement the service runs, with its parameters,
 * so the raw-driver side replays exactly the API's Cypher, in the same transaction shape.
 */
function recordingDatabase(db: Database, into: RecordedQuery[]): Database {
  const driver = new Proxy(db.driver, {
    get(target, property, receiver) {
      if (property !== 'session') return Reflect.get(target, property, receiver) as unknown;
      return (config: Parameters<typeof target.session>[0]) => {
        const session = target.session(config);
        const executeRead = session.executeRead.bind(session);
        session.executeRead = (<T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig?: Parameters<typeof executeRead>[1]) =>
          executeRead(
            (tx) =>
              work({
                run: ((cypher: string, params?: Record<string, unknown>) => {
                  into.push({ cypher, params: params ?? {} });
                  return tx.run(cypher, params);
                }) as ManagedTransaction['run'],
              } as ManagedTransaction),
            txConfig,
          )) as typeof session.executeRead;
        return session;
      };
    },
  });
  return { ...db, driver };
}

// ---------------------------------------------------------------- API and raw driver

interface Scenario {
  name: string;
  items: number;
  path(item: number): string;
  call(db: Database, item: number): Promise<unknown>;
}

interface LatencyRun extends Percentiles {
  rps: number;
  errors: number;
}

interface ScenarioResult {
  name: string;
  profile: QueryProfile[];
  byConcurrency: Record<string, { api: LatencyRun[]; raw: LatencyRun[] }>;
}

interface ApiProcess {
  child: ChildProcess;
  /** Hands the process Neo4j's address and resolves with the port it then listens on. */
  listen(uri: string, local: boolean): Promise<number>;
  /** Resolves once no request is being handled any more, with the requests whose client left before the answer. */
  idle(): Promise<{ abandoned: number; abandonedFailed: number }>;
}

/**
 * Forks the API process before Neo4j is up, so that loading the server code (tsx compiling it) overlaps
 * Neo4j's start-up instead of following it; the process waits for the database's address.
 */
function forkApi(): ApiProcess {
  const child = fork(path.join(__dirname, 'apiServer.ts'), [], {
    // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the API process there when it exits.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [])],
    env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before answering`))),
  );
  exited.catch(() => undefined); // only matters while someone waits for an answer
  const reply = <T extends ApiServerReply>(matches: (message: ApiServerReply) => message is T) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const listener = (message: ApiServerReply) => {
          if (!matches(message)) return;
          child.off('message', listener);
          resolve(message);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const send = (message: ApiServerRequest) => child.send(message);
  let question = 0;
  return {
    child,
    async listen(uri, local) {
      const answer = reply((message): message is { port: number } => 'port' in message);
      send({ uri, local });
      return (await answer).port;
    },
    async idle() {
      const id = ++question;
      const answer = reply((message): message is Extract<ApiServerReply, { idle: number }> => 'idle' in message && message.idle === id);
      send({ idle: id });
      // A handler that never ends its response would otherwise hang the bench; no query outlives its timeout by this much.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), 30_000);
      });
      const answered = await Promise.race([answer, late]);
      clearTimeout(timer);
      if (answered === undefined) {
        log('the API process still had requests in flight after 30 s; measuring on regardless');
        return { abandoned: 0, abandonedFailed: 0 };
      }
      return { abandoned: answered.abandoned, abandonedFailed: answered.abandonedFailed };
    },
  };
}

async function apiRun(api: ApiProcess, port: number, scenario: Scenario, connections: number, seconds: number): Promise<LatencyRun> {
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
      duration: seconds,
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
  return {
    ...percentiles(latencies),
    rps: latencies.length / elapsed,
    errors: errors + result.errors + result.timeouts + abandonedFailed,
  };
}

async function rawRun(db: Database, recorded: RecordedQuery[][], connections: number, seconds: number): Promise<LatencyRun> {
  const run = await timedLoop(connections, seconds * 1000, (index) =>
    readTransaction(db, async (tx) => {
      for (const query of recorded[index % recorded.length]!) await tx.run(query.cypher, query.params);
    }),
  );
  return { ...percentiles(run.latencies), rps: run.latencies.length / run.seconds, errors: run.errors };
}

export interface QueryProfile {
  /** The statement's first line, enough to tell the queries of one request apart. */
  statement: string;
  rows: number;
  dbHits: number;
  /** The operators with the most database hits. */
  top: string[];
}

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

/** Cypher PROFILE of one request's statements: where the database spends its hits. */
async function profileQueries(db: Database, queries: RecordedQuery[]): Promise<QueryProfile[]> {
  return readTransaction(
    db,
    async (tx) => {
      const profiles: QueryProfile[] = [];
      for (const query of queries) {
        const result = await tx.run(`PROFILE ${query.cypher}`, query.params);
        const operators: Array<[string, number]> = [];
        let hits = 0;
        const walk = (node: PlanNode) => {
          hits += node.dbHits;
          operators.push([node.operatorType.replace(/@.*$/, ''), node.dbHits]);
          node.children.forEach(walk);
        };
        const plan = result.summary.profile as unknown as PlanNode | false;
        if (plan) walk(plan);
        profiles.push({
          statement: query.cypher.trim().split('\n')[0]!.slice(0, 100),
          rows: result.records.length,
          dbHits: hits,
          top: operators
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([operator, count]) => `${operator} ${count}`),
        });
      }
      return profiles;
    },
    120_000,
  );
}

async function pickWorkload(db: Database, plan: SyntheticPlan, seed: number) {
  const random = mulberry32(hashSeed(seed, 77));
  const claim = () => `${plan.prefix}c${randomInt(random, plan.claims)}`;
  const centres = Array.from({ length: 48 }, claim);
  const pairs = Array.from({ length: 24 }, () => [claim(), claim()] as const);
  const busy = await readTransaction(
    db,
    (tx) =>
      tx.run(
        `MATCH (i:Record:Incident) WHERE i.id STARTS WITH $prefix
         RETURN i.id AS id, COUNT { (i)<-[:ABOUT]-(:Claim) } AS claims ORDER BY claims DESC LIMIT 1`,
        { prefix: plan.prefix },
      ),
    120_000,
  );
  return { centres, pairs, busyIncident: busy.records[0]!.get('id') as string, busyClaims: Number(busy.records[0]!.get('claims')) };
}

// ---------------------------------------------------------------- main

/** Browser sizes: the issue asks for 5k, 20k and 50k nodes drawn, and ForceAtlas2 at 10k and 50k. */
const BROWSER_SIZES = [5_000, 20_000, 50_000];
const LAYOUT_SIZES = [10_000, 50_000];

/** Runs `work` over `items` from `concurrency` parallel loops (the order of completion does not matter). */
async function forEachConcurrently(items: number, concurrency: number, work: (item: number) => Promise<void>): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < items) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items) }, loop));
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const started = performance.now();
  log(`${args.quick ? 'quick' : 'full'} run: ${args.claims} claims, ${args.runs} runs of ${args.seconds} s per measurement`);
  const clock = new PhaseClock(log);
  // Nothing is measured while Neo4j starts (about 15 s of JVM start-up), so everything that only has to be
  // ready later starts now: the API process loads the server code, Vite builds the browser page, and the
  // browser's graphs are generated.
  const opening = openBenchDatabase(args);
  const api = forkApi();
  let preparing: Promise<PreparedBrowserBench> | undefined;
  if (args.browser) {
    preparing = prepareBrowserBench([...BROWSER_SIZES, ...LAYOUT_SIZES]);
    preparing.catch(() => undefined); // awaited (and its failure reported) by the browser bench
  }
  let bench: BenchDatabase;
  try {
    bench = await opening;
  } catch (error) {
    api.child.disconnect();
    await preparing?.then(discardPrepared, () => undefined);
    throw error;
  }
  let apiRunning = true;
  const stopApi = () => {
    if (apiRunning) api.child.disconnect();
    apiRunning = false;
  };
  try {
    const { db } = bench;
    // Recorded now that the JVM's pid is known: all of its CPU so far is start-up.
    const cpuBefore = { bench: 0, neo4j: 0, api: 0 };
    clock.watch('neo4j', bench.local?.pid);
    clock.watch('api', api.child.pid);
    clock.record('Neo4j start (API process, browser page and graphs prepared meanwhile)', (performance.now() - started) / 1000, cpuBefore);
    const port = await api.listen(db.uri, bench.local !== undefined);
    await clock.time('schema', () => ensureSchema(db));
    const plan = syntheticPlan({ claims: args.claims, seed: args.seed });
    const loader = await loaderBench(db, args, plan, clock);
    log(
      `loaded ${loader.full.nodes} nodes and ${loader.full.relationships} relationships in ${loader.full.seconds.toFixed(1)} s (${Math.round(loader.full.rowsPerSecond)} rows/s)`,
    );

    const workload = await clock.time('workload (busiest incident)', () => pickWorkload(db, plan, args.seed));
    log(`busiest incident ${workload.busyIncident} has ${workload.busyClaims} claims`);
    const neighbourhood = (depth: number): Scenario => ({
      name: `neighbourhood depth ${depth} limit 500`,
      items: workload.centres.length,
      path: (i) => `/api/graph/neighborhood/${workload.centres[i]}?depth=${depth}&limit=500`,
      call: (d, i) => service.neighborhood(d, workload.centres[i]!, depth, 500, undefined),
    });
    const scenarios: Scenario[] = [
      neighbourhood(1),
      neighbourhood(2),
      neighbourhood(3),
      {
        name: 'attribution of the busiest incident',
        items: 1,
        path: () => `/api/incidents/${workload.busyIncident}/attribution`,
        call: (d) => service.attribution(d, workload.busyIncident),
      },
      {
        name: 'paths up to 6 hops',
        items: workload.pairs.length,
        path: (i) => `/api/graph/paths?from=${workload.pairs[i]![0]}&to=${workload.pairs[i]![1]}&maxHops=6`,
        call: (d, i) => service.paths(d, workload.pairs[i]![0], workload.pairs[i]![1], 6, 5),
      },
    ];

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const result = await clock.time(`API and raw: ${scenario.name}`, async (): Promise<ScenarioResult> => {
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
        const scenarioResult: ScenarioResult = {
          name: scenario.name,
          profile,
          byConcurrency: { '1': { api: [], raw: [] }, '16': { api: [], raw: [] } },
        };
        for (let run = 0; run < args.runs; run++) {
          for (const connections of [1, 16]) {
            // Side by side: the API and the raw driver alternate, so machine noise falls on both.
            // Sixteen slow requests need longer than one to give a few hundred samples.
            const seconds = connections > 1 ? 2 * args.seconds : args.seconds;
            scenarioResult.byConcurrency[String(connections)]!.api.push(await apiRun(api, port, scenario, connections, seconds));
            scenarioResult.byConcurrency[String(connections)]!.raw.push(await rawRun(db, recorded, connections, seconds));
          }
        }
        log(
          `  recording, warm-up and PROFILE ${preparingSeconds.toFixed(1)} s, measuring ${((performance.now() - phaseStarted) / 1000).toFixed(1)} s`,
        );
        return scenarioResult;
      });
      const c1 = result.byConcurrency['1']!;
      const c16 = result.byConcurrency['16']!;
      log(
        `${scenario.name}: c=1 API p50 ${spread(c1.api.map((r) => r.p50)).median.toFixed(1)} ms vs raw ${spread(c1.raw.map((r) => r.p50)).median.toFixed(1)} ms; ` +
          `c=16 API p95 ${spread(c16.api.map((r) => r.p95)).median.toFixed(1)} ms vs raw ${spread(c16.raw.map((r) => r.p95)).median.toFixed(1)} ms; errors ${[...c1.api, ...c16.api].reduce((s, r) => s + r.errors, 0)}`,
      );
      results.push(result);
    }
    stopApi();

    // Floors: a driver round trip doing nothing, and JSON of a typical (depth-2, 500-node) answer.
    const { returnOne, serialise, json } = await clock.time('floors', async () => {
      const returnOne: number[] = [];
      for (let run = 0; run < args.runs; run++) {
        const loop = await timedLoop(1, args.seconds * 1000, () => readTransaction(db, (tx) => tx.run('RETURN 1 AS one')));
        returnOne.push(percentiles(loop.latencies).p50);
      }
      const typical = await service.neighborhood({ ...db, queryTimeoutMs: 60_000 }, workload.centres[0]!, 2, 500, undefined);
      const json = JSON.stringify(typical);
      const serialise: number[] = [];
      for (let run = 0; run < args.runs; run++) {
        const iterations = 200;
        const begun = performance.now();
        for (let i = 0; i < iterations; i++) JSON.stringify(typical);
        serialise.push((performance.now() - begun) / iterations);
      }
      return { returnOne, serialise, json };
    });
    log(
      `floors: RETURN 1 p50 ${spread(returnOne).median.toFixed(2)} ms; JSON.stringify of ${json.length} bytes ${spread(serialise).median.toFixed(2)} ms`,
    );

    let browser: BrowserResults | undefined;
    if (preparing !== undefined) {
      const prepared = preparing;
      browser = await clock.time('browser', () =>
        browserBench({
          sizes: BROWSER_SIZES,
          layoutSizes: LAYOUT_SIZES,
          // A quick run draws each size once; two runs keep the full run inside its ten minutes.
          runs: args.quick ? 1 : Math.min(args.runs, 2),
          panFrames: args.quick ? 30 : 60,
          layoutIterations: (nodes) => (nodes >= 50_000 ? (args.quick ? 3 : 5) : args.quick ? 10 : 20),
          log,
          prepared,
        }),
      );
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
      },
      loader,
      api: results.map((result) => ({
        name: result.name,
        profile: result.profile,
        byConcurrency: Object.fromEntries(
          Object.entries(result.byConcurrency).map(([c, runs]) => [
            c,
            {
              api: summariseRuns(runs.api),
              raw: summariseRuns(runs.raw),
            },
          ]),
        ),
      })),
      floors: { returnOneP50Ms: spread(returnOne), jsonBytes: json.length, jsonStringifyMs: spread(serialise) },
      browser,
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
    await clock.time('Neo4j stop', () => bench.stop());
  }
}

export interface RunsSummary {
  p50: Spread;
  p95: Spread;
  p99: Spread;
  rps: Spread;
  errors: number;
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

function evaluateTargets(results: BenchResults): Target[] {
  const scenario = (prefix: string) => results.api.find((s) => s.name.startsWith(prefix))!;
  const at = (prefix: string, c: '1' | '16') => scenario(prefix).byConcurrency[c]!;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const targets: Target[] = [];
  const onFullGraph =
    results.settings.claims >= 1_000_000 ? '' : ` (measured on ${results.settings.claims} claims; the target is for 1,000,000)`;
  targets.push({
    name: 'load 1M claims (~4M relationships) ≤ 120 s',
    measured: `${results.loader.full.seconds.toFixed(1)} s for ${results.loader.full.nodes} nodes and ${results.loader.full.relationships} relationships${onFullGraph}`,
    met: results.loader.full.seconds * (1_000_000 / results.settings.claims) <= 120,
  });
  targets.push({
    name: 'batched loader ÷ one query per row ≥ 100×',
    measured:
      `${results.loader.fullRatio.median.toFixed(0)}× (full load vs one per row on ${results.loader.sampleRows} rows of the same generator); ` +
      `${results.loader.ratio.median.toFixed(0)}× when the batched side also loads only those ${results.loader.sampleRows} rows`,
    met: results.loader.fullRatio.median >= 100,
  });
  const d2 = at('neighbourhood depth 2', '16').api.p95.median;
  targets.push({ name: 'neighbourhood depth 2 limit 500, p95 at concurrency 16 ≤ 25 ms', measured: ms(d2) + onFullGraph, met: d2 <= 25 });
  const attribution = at('attribution', '1').api.p95.median;
  targets.push({
    name: 'attribution of a busy incident p95 ≤ 50 ms (concurrency 1)',
    measured: `${ms(attribution)} (${results.dataset.busiestIncidentClaims} claims)${onFullGraph}`,
    met: attribution <= 50,
  });
  const paths = at('paths', '1').api.p95.median;
  targets.push({ name: 'paths up to 6 hops p95 ≤ 100 ms (concurrency 1)', measured: ms(paths) + onFullGraph, met: paths <= 100 });
  for (const s of results.api) {
    const c1 = s.byConcurrency['1']!;
    const ratio = c1.api.p50.median / c1.raw.p50.median;
    targets.push({
      name: `${s.name}: API p50 ≤ 1.2 × raw driver p50 (concurrency 1)`,
      measured: `${ms(c1.api.p50.median)} vs ${ms(c1.raw.p50.median)} = ${ratio.toFixed(2)}×`,
      met: ratio <= 1.2,
    });
  }
  const d1 = at('neighbourhood depth 1', '1').api.p95.median;
  const d3 = at('neighbourhood depth 3', '1').api.p95.median;
  const timeouts = results.api
    .filter((s) => s.name.startsWith('neighbourhood'))
    .reduce((sum, s) => sum + Object.values(s.byConcurrency).reduce((inner, c) => inner + c.api.errors + c.raw.errors, 0), 0);
  targets.push({
    name: 'depth 3 p95 ÷ depth 1 p95 ≤ 10 with the API caps (limit 500), and no neighbourhood query timing out',
    measured: `${(d3 / d1).toFixed(1)}× (${ms(d3)} ÷ ${ms(d1)}); ${timeouts} failed or timed-out neighbourhood requests (API and raw, both concurrencies)`,
    met: d3 / d1 <= 10 && timeouts === 0,
  });
  if (results.browser !== undefined) {
    const first = results.browser.firstFrame['50000']!;
    // The frame counts once it is drawn: with SwiftShader the page's animation frames fire seconds before the
    // GPU process (on the CPU) has finished drawing the edges.
    const drawn = first.drawnMs.median;
    targets.push({
      name: 'first frame for 50k nodes and 100k edges ≤ 3 s',
      measured: `${ms(drawn)} until drawn (SwiftShader); the page's second animation frame came at ${ms(first.totalMs.median)}`,
      met: drawn <= 3000,
    });
    const fa = results.browser.forceAtlas2MsPerIteration;
    const ratio = fa['50000']!.median / fa['10000']!.median;
    targets.push({
      name: 'ForceAtlas2 (Barnes–Hut) 50k-node iteration ÷ 10k-node iteration ≤ 7',
      measured: `${ratio.toFixed(1)}× (${ms(fa['50000']!.median)} ÷ ${ms(fa['10000']!.median)})`,
      met: ratio <= 7,
    });
  }
  return targets;
}

if (require.main === module) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
}
