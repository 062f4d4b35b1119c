// The explorer's real first screen, side by side: `/` of the built explorer on the bench's synthetic graph and on the Sony story in a second small Neo4j, timed in the bench's Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../client/src/core/settings';
import { loadConfig, PROJECT_ROOT, SEED_DATA_DIR } from '../server/config';
import { loadDataset } from '../server/db/load';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../server/db/localNeo4j';
import { connectDatabase, type Database } from '../server/db/neo4j';
import { ensureSchema } from '../server/db/schema';
import { formatProblem, validateFiles } from '../server/model/validate';
import { forkApi, type ApiProcess } from './apiProcess';
import { spread } from './measure';
import type { FirstScreenResults, FirstScreenSide, Log } from './types';

/** The explorer the bench serves unless `--client DIR` names another build. */
export const DEFAULT_CLIENT_DIR = path.join(PROJECT_ROOT, 'client', 'dist');

/** The story the e2e tests seed (tests/support/db.ts `resetAndSeed`): the same file and its documents. */
const SONY_FILE = path.join(SEED_DATA_DIR, 'sony-dprk-2014.json');

/** Pairs of measured visits, one of each graph (after the warm-up and one unmeasured visit): several runs of each side. */
export const FIRST_SCREEN_RUNS = { quick: 1, full: 7 } as const;

/** A folder as the report names it: relative to the project when inside it. */
const inProject = (dir: string) => {
  const relative = path.relative(PROJECT_ROOT, path.resolve(dir));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(dir) : relative;
};

/** Throws, before anything starts, when `clientDir` holds no built explorer. */
export function checkClientDir(clientDir: string): void {
  if (!existsSync(path.join(clientDir, 'index.html')))
    throw new Error(
      `--client: expected a built explorer (index.html) in ${clientDir}; run \`npm run build:client\`, or pass --client DIR ` +
        '(e.g. a dir from `npx vite build --config client/vite.config.ts --outDir DIR`), or --no-browser',
    );
}

/** The Sony story in a Neo4j of its own: small, since it holds 165 records. */
interface SonyDatabase {
  db: Database;
  local: LocalNeo4j;
  stop(): Promise<void>;
}

async function startSonyDatabase(log: Log): Promise<SonyDatabase> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bench-sony-'));
  let local: LocalNeo4j | undefined;
  try {
    local = await startLocalNeo4j({ home, port: await freePort(), heap: '512m', pageCache: '128m' });
    const config = loadConfig({ ...process.env, NEO4J_URI: local.uri });
    const db: Database = { ...connectDatabase(local.uri, config, true), local };
    const started = local;
    const stop = async () => {
      await db.close();
      // A temporary store, deleted next: no checkpoint needed.
      process.kill(started.pid, 'SIGKILL');
      await started.exited;
      rmSync(home, { recursive: true, force: true });
    };
    try {
      await ensureSchema(db);
      // Read and checked as `npm run seed` reads it.
      const { datasets, problems } = await validateFiles([SONY_FILE], config.DOCUMENTS_DIR);
      const sonyStory = datasets[0];
      if (problems.length > 0 || sonyStory === undefined) throw new Error(`${SONY_FILE}: ${problems.map(formatProblem).join('; ')}`);
      const summary = await loadDataset(db, sonyStory.dataset);
      log(`first screen: the Sony story (${summary.dataset}) loaded into its own Neo4j in ${summary.milliseconds} ms`);
    } catch (error) {
      await stop();
      throw error;
    }
    return { db, local, stop };
  } catch (error) {
    if (local === undefined) rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

/** What the first-screen measurement needs, started with the bench so that it overlaps the main Neo4j's start. */
export interface PreparedFirstScreen {
  clientDir: string;
  /** Serves the explorer and the API over the bench's synthetic graph, once told where it is. */
  syntheticApi: ApiProcess;
  sonyApi: ApiProcess;
  /** The Sony story's Neo4j, started and seeded. */
  sony: Promise<SonyDatabase>;
  /** Ends both API processes and the Sony Neo4j, whatever state they reached; the second call waits for the first. */
  discard(): Promise<void>;
}

export function prepareFirstScreen(clientDir: string, log: Log): PreparedFirstScreen {
  const sony = startSonyDatabase(log);
  sony.catch(() => undefined); // awaited (and its failure reported) by the bench
  const apis = [forkApi(log), forkApi(log)] as const;
  let discarding: Promise<void> | undefined;
  const discard = () =>
    (discarding ??= (async () => {
      for (const api of apis) if (api.child.connected) api.child.disconnect();
      await sony.then(
        (started) => started.stop(),
        () => undefined,
      );
    })());
  return { clientDir, syntheticApi: apis[0], sonyApi: apis[1], sony, discard };
}

/** One navigation to `/` in a fresh context: when the page settled, and what it asked the API for. */
interface FirstScreenRun {
  settledMs: number;
  /** When the page's last API answer ended: what follows is the page's own work (layout, sigma's WebGL set-up). */
  apiDoneMs: number;
  /** The graph's records, as the overview told the page. */
  records: number;
  overviewMs: number;
  wholeGraphLoads: number;
  nodesReceived: number;
  nodesDrawn: number;
  largestLimit: number;
  /** API answers with an error status: a timed-out overview, say, which the page retries 20 s later. */
  failedRequests: number;
}

// Functions handed to the page run there (only their text travels); the page's globals, typed without the DOM library.
interface PageClock {
  __explorer?: { settled(): boolean; graph: { order: number } };
  __firstScreenSettledMs?: number;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(timer: number): void;
  performance: { now(): number; getEntriesByType(type: 'resource'): Array<{ name: string; startTime: number; responseEnd: number }> };
}

async function firstScreenOnce(browser: Browser, url: string): Promise<FirstScreenRun> {
  // A fresh context is a new user: no cache, no stored layout, settings or saved views.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // From the document's start, the page asks the test hook every 5 ms whether it has settled and notes its own clock
    // (milliseconds since navigation began) the first time it has, so polling from here can neither miss nor delay it.
    // A timer, not animation frames: in this headless Chromium those never fired for a script injected before the document.
    await context.addInitScript(() => {
      const page = globalThis as unknown as PageClock;
      const timer = page.setInterval(() => {
        if (page.__explorer?.settled() !== true) return;
        page.__firstScreenSettledMs = page.performance.now();
        page.clearInterval(timer);
      }, 5);
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const reads: Array<Promise<void>> = [];
    const asked = { wholeGraphLoads: 0, nodesReceived: 0, largestLimit: 0, records: NaN, failedRequests: 0 };
    page.on('response', (response) => {
      const requested = new URL(response.url());
      if (!requested.pathname.startsWith('/api/')) return;
      if (requested.pathname === '/api/graph') asked.wholeGraphLoads += 1;
      if (response.status() >= 400) asked.failedRequests += 1;
      asked.largestLimit = Math.max(asked.largestLimit, Number(requested.searchParams.get('limit') ?? 0));
      reads.push(
        response
          .json()
          .then((body: { graph?: { nodes?: unknown[] }; nodes?: unknown }) => {
            if (Array.isArray(body?.graph?.nodes)) asked.nodesReceived += body.graph.nodes.length;
            if (requested.pathname === '/api/overview' && typeof body?.nodes === 'number') asked.records = body.nodes;
          })
          .catch(() => undefined),
      );
    });
    await page.goto(url);
    const settled = await page.waitForFunction(() => (globalThis as unknown as PageClock).__firstScreenSettledMs, undefined, {
      timeout: 120_000,
    });
    const settledMs = (await settled.jsonValue()) as number;
    await Promise.all(reads);
    const { overviewMs, apiDoneMs, nodesDrawn } = await page.evaluate(() => {
      const clock = globalThis as unknown as PageClock;
      const api = clock.performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/api/'));
      const overview = api.find((entry) => new URL(entry.name).pathname === '/api/overview');
      return {
        overviewMs: overview === undefined ? NaN : overview.responseEnd - overview.startTime,
        apiDoneMs: Math.max(...api.map((entry) => entry.responseEnd)),
        nodesDrawn: clock.__explorer!.graph.order,
      };
    });
    if (errors.length > 0) throw new Error(`first screen of ${url}: the page raised ${errors.join('; ')}`);
    return { settledMs, apiDoneMs, overviewMs, nodesDrawn, ...asked };
  } finally {
    await context.close();
  }
}

function side(label: string, runs: FirstScreenRun[]): FirstScreenSide {
  return {
    label,
    records: runs[0]?.records ?? NaN,
    settledMs: spread(runs.map((run) => run.settledMs)),
    apiDoneMs: spread(runs.map((run) => run.apiDoneMs)),
    overviewMs: spread(runs.map((run) => run.overviewMs)),
    // The most over the runs: a single whole-graph load in any run counts.
    wholeGraphLoads: Math.max(...runs.map((run) => run.wholeGraphLoads)),
    nodesReceived: Math.max(...runs.map((run) => run.nodesReceived)),
    nodesDrawn: Math.max(...runs.map((run) => run.nodesDrawn)),
    largestLimit: Math.max(...runs.map((run) => run.largestLimit)),
    failedRequests: runs.reduce((sum, run) => sum + run.failedRequests, 0),
  };
}

/** GET `asked` until it answers (a cold plan can outlast the query timeout), at most five times; its JSON. */
async function getUntilAnswered(url: string, asked: string): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(new URL(asked, url));
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body;
    if (attempt === 5) throw new Error(`first screen: GET ${asked} answered ${response.status} five times on ${url}`);
  }
}

/** The requests a first screen makes, once, so that their queries are planned, as the warm-up of `npm start` does. */
async function warmUp(url: string): Promise<void> {
  const overview = (await getUntilAnswered(url, `api/overview?limit=${DEFAULT_SETTINGS.overviewIncidents}`)) as { nodes?: unknown };
  // Only a graph at or below the threshold is loaded whole by the page; asking for the others' would load 20,000 nodes.
  if (typeof overview?.nodes === 'number' && overview.nodes <= DEFAULT_SETTINGS.startSmallAbove)
    await getUntilAnswered(url, `api/graph?limit=${DEFAULT_SETTINGS.graphLimit}`);
}

/**
 * Starts both API processes over their databases, then times `/` on each in turns: first the warm-up a server does at
 * start (the first screen's requests, planning their queries) and one unmeasured visit, then `runs` pairs, alternating
 * which side goes first.
 */
export async function firstScreenBench(options: {
  prepared: PreparedFirstScreen;
  synthetic: { db: Database; local: boolean };
  browser: Browser;
  runs: number;
  log: Log;
}): Promise<FirstScreenResults> {
  const { prepared, synthetic, browser, runs, log } = options;
  const sony = await prepared.sony;
  const [syntheticPort, sonyPort] = await Promise.all([
    prepared.syntheticApi.listen(synthetic.db.uri, synthetic.local, prepared.clientDir),
    prepared.sonyApi.listen(sony.db.uri, true, prepared.clientDir),
  ]);
  const urls = { synthetic: `http://127.0.0.1:${syntheticPort}/`, sony: `http://127.0.0.1:${sonyPort}/` };
  for (const url of Object.values(urls)) await warmUp(url);
  // One unmeasured visit starts what a browser starts once (its GPU process, SwiftShader), so no side's first run pays it.
  await firstScreenOnce(browser, urls.sony);
  const measured: { synthetic: FirstScreenRun[]; sony: FirstScreenRun[] } = { synthetic: [], sony: [] };
  for (let run = 0; run < runs; run += 1) {
    const order = run % 2 === 0 ? (['synthetic', 'sony'] as const) : (['sony', 'synthetic'] as const);
    for (const which of order) measured[which].push(await firstScreenOnce(browser, urls[which]));
  }
  const results: FirstScreenResults = {
    clientDir: inProject(prepared.clientDir),
    startSmallAbove: DEFAULT_SETTINGS.startSmallAbove,
    synthetic: side('synthetic graph', measured.synthetic),
    sony: side('Sony story', measured.sony),
    // Each pair ran back to back, so their ratio cancels most of what the shared machine was doing at the time.
    ratio: spread(measured.synthetic.map((run, index) => run.settledMs / measured.sony[index]!.settledMs)),
  };
  log(
    `first screen: synthetic ${results.synthetic.settledMs.median.toFixed(0)} ms (${results.synthetic.wholeGraphLoads} whole-graph loads), ` +
      `Sony ${results.sony.settledMs.median.toFixed(0)} ms (${results.sony.nodesReceived} nodes loaded); ratio ${results.ratio.median.toFixed(2)}`,
  );
  return results;
}
