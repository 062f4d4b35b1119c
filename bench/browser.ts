// Browser phase: builds the bench page with Vite, serves it with generated graphs on loopback, and measures sigma, ForceAtlas2 and the main thread during the explorer's worker layout in headless Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { hashSeed, mulberry32, Zipf } from '../seed/random';
import { PROJECT_ROOT } from '../server/config';
import { launchChromium } from './chromium';
import { percentiles, spread } from './measure';
import type { LayoutOffMain } from './browser/results';
import type { BenchArgs, BrowserResults, Log } from './types';

/** Browser sizes: the issue asks for 5k, 20k and 50k nodes drawn, and ForceAtlas2 at 10k and 50k. */
export const BROWSER_SIZES = [5_000, 20_000, 50_000];
export const LAYOUT_SIZES = [10_000, 50_000];
/** The main thread while the explorer's worker lays out: the first frame's two ends, so the figures sit beside it. */
export const LAYOUT_MAIN_THREAD_SIZES = [5_000, 50_000];

const TYPES = ['claim', 'claim', 'claim', 'actor', 'source', 'incident'] as const;

/**
 * A graph in the API's serialized form with `edgesPerNode` times as many edges as nodes; edge
 * targets are Zipf-skewed, as claimants and incidents are in the data.
 */
export function benchGraphJson(nodes: number, edgesPerNode = 2, seed = 1): string {
  const random = mulberry32(hashSeed(seed, nodes));
  const targets = new Zipf(nodes, 0.8);
  const nodeList = Array.from({ length: nodes }, (_, i) => {
    const type = TYPES[i % TYPES.length]!;
    return { key: `n${i}`, attributes: { type, label: `${type} ${i}` } };
  });
  const seen = new Set<string>();
  const edges: Array<{ key: string; source: string; target: string; attributes: { type: string } }> = [];
  while (edges.length < nodes * edgesPerNode) {
    const source = Math.floor(random() * nodes);
    const target = targets.sample(random);
    const key = `n${source}->n${target}`;
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    edges.push({ key, source: `n${source}`, target: `n${target}`, attributes: { type: 'ABOUT' } });
  }
  return JSON.stringify({ attributes: {}, options: { type: 'directed', multi: false, allowSelfLoops: true }, nodes: nodeList, edges });
}

/** What bench/browser/main.ts puts on the page's global object. */
interface FirstFrame {
  totalMs: number;
  drawnMs: number;
  parseMs: number;
  importMs: number;
  sigmaMs: number;
  bytes: number;
  edges: number;
}

interface PageBench {
  firstFrame(url: string): Promise<FirstFrame>;
  pan(frames: number): Promise<number[]>;
  forceAtlas(url: string, iterations: number): Promise<{ msPerIteration: number }>;
  layoutOffMain(url: string, iterations: number): Promise<LayoutOffMain>;
  webgl(): { version: string; vendor: string; renderer: string };
}
// Functions passed to page.evaluate run in the browser (only their text travels), so each names the page's bench itself.
type PageGlobal = { bench: PageBench };

/** Bundles the page with the project's Vite (its own config and tsconfig live in bench/browser/). */
async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bench-page-'));
  // Asynchronous, so the build can run while the bench waits for Neo4j to start.
  const { stderr } = await promisify(execFile)(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(__dirname, 'browser', 'vite.config.mts'),
      '--outDir',
      outDir,
    ],
    { cwd: PROJECT_ROOT, timeout: 120_000 },
  );
  // Vite logs only warnings here (logLevel 'warn'); they stay visible.
  if (stderr.trim() !== '') process.stderr.write(stderr);
  return outDir;
}

export interface PreparedBrowserBench {
  pageDir: string;
  /** Each graph size's serialized JSON, by node count. */
  graphs: Map<string, string>;
}

/**
 * The page bundle and the graphs: nothing here is measured, so the bench starts it early and lets it
 * overlap the wait for Neo4j.
 */
export async function prepareBrowserBench(sizes: readonly number[]): Promise<PreparedBrowserBench> {
  const building = buildPage();
  // Generated while Vite builds in its own process.
  const graphs = new Map<string, string>();
  for (const size of new Set(sizes)) graphs.set(String(size), benchGraphJson(size));
  return { pageDir: await building, graphs };
}

function serve(pageDir: string, graphs: Map<string, string>): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const graph = /^\/data\/(\w+)\.json$/.exec(url.pathname);
    if (graph !== null && graphs.has(graph[1]!)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(graphs.get(graph[1]!));
      return;
    }
    const file = path.join(pageDir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(pageDir)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Removes the built page; safe to call again after the browser bench removed it. */
export function discardPrepared(prepared: PreparedBrowserBench): void {
  rmSync(prepared.pageDir, { recursive: true, force: true });
}

export async function browserBench(options: {
  sizes: number[];
  layoutSizes: number[];
  runs: number;
  panFrames: number;
  layoutIterations: (nodes: number) => number;
  /** Sizes (drawn, then laid out by the explorer's worker) for the main thread during layout; none when not given. */
  layoutMainThreadSizes?: number[];
  /** ForceAtlas2 iterations of that layout, the same at every size. */
  layoutMainThreadIterations?: number;
  /** Runs of it per size; `runs` when not given. */
  layoutMainThreadRuns?: number;
  log: Log;
  /** From prepareBrowserBench with at least these sizes; prepared here when not given. */
  prepared?: Promise<PreparedBrowserBench>;
  /** A Chromium the caller launched (and closes), so other measurements share its run; launched here when not given. */
  browser?: Browser;
}): Promise<BrowserResults> {
  const mainThreadSizes = options.layoutMainThreadSizes ?? [];
  const allSizes = [...options.sizes, ...options.layoutSizes, ...mainThreadSizes];
  const { pageDir, graphs } = await (options.prepared ?? prepareBrowserBench(allSizes));
  for (const size of allSizes) {
    if (!graphs.has(String(size))) throw new Error(`browser bench: no prepared graph of ${size} nodes`);
  }
  const server = await serve(pageDir, graphs);
  const browser = options.browser ?? (await launchChromium());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (globalThis as unknown as { bench?: unknown }).bench !== undefined);
    const webgl = await page.evaluate(() => (globalThis as unknown as PageGlobal).bench.webgl());
    // SwiftShader is the renderer these flags ask for; anything else (or none) would make the figures meaningless.
    if (!/swiftshader/i.test(webgl.renderer)) throw new Error(`WebGL renderer: expected SwiftShader, got ${JSON.stringify(webgl)}`);

    const results: BrowserResults = {
      chromium: browser.version(),
      webgl,
      firstFrame: {},
      panFrameMs: {},
      forceAtlas2MsPerIteration: {},
    };
    for (const size of options.sizes) {
      const frames: FirstFrame[] = [];
      const panning: number[] = [];
      const panMedians: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        frames.push(await page.evaluate((url) => (globalThis as unknown as PageGlobal).bench.firstFrame(url), `/data/${size}.json`));
        const intervals = await page.evaluate((count) => (globalThis as unknown as PageGlobal).bench.pan(count), options.panFrames);
        panning.push(...intervals);
        panMedians.push(percentiles(intervals).p50);
      }
      const last = frames[frames.length - 1]!;
      results.firstFrame[String(size)] = {
        totalMs: spread(frames.map((f) => f.totalMs)),
        drawnMs: spread(frames.map((f) => f.drawnMs)),
        parseMs: spread(frames.map((f) => f.parseMs)),
        importMs: spread(frames.map((f) => f.importMs)),
        sigmaMs: spread(frames.map((f) => f.sigmaMs)),
        bytes: last.bytes,
        edges: last.edges,
      };
      results.panFrameMs[String(size)] = { ...percentiles(panning), medianOfRuns: spread(panMedians) };
      options.log(
        `browser ${size} nodes / ${last.edges} edges: first frame ${spread(frames.map((f) => f.totalMs)).median.toFixed(0)} ms, ` +
          `drawn ${spread(frames.map((f) => f.drawnMs)).median.toFixed(0)} ms, pan frame p50 ${percentiles(panning).p50.toFixed(1)} ms`,
      );
    }
    for (const size of options.layoutSizes) {
      const perIteration: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const result = await page.evaluate(
          ([url, iterations]) => (globalThis as unknown as PageGlobal).bench.forceAtlas(url as string, iterations as number),
          [`/data/${size}.json`, options.layoutIterations(size)] as const,
        );
        perIteration.push(result.msPerIteration);
      }
      results.forceAtlas2MsPerIteration[String(size)] = spread(perIteration);
      options.log(`ForceAtlas2 (Barnes–Hut) ${size} nodes: ${spread(perIteration).median.toFixed(1)} ms per iteration`);
    }
    const mainThreadIterations = options.layoutMainThreadIterations ?? 10;
    const layoutMainThread: NonNullable<BrowserResults['layoutMainThread']> = {};
    for (const size of mainThreadSizes) {
      const layouts: LayoutOffMain[] = [];
      for (let run = 0; run < (options.layoutMainThreadRuns ?? options.runs); run++) {
        layouts.push(
          await page.evaluate(
            ([url, iterations]) => (globalThis as unknown as PageGlobal).bench.layoutOffMain(url as string, iterations as number),
            [`/data/${size}.json`, mainThreadIterations] as const,
          ),
        );
      }
      const of = (figure: (layout: LayoutOffMain) => number) => spread(layouts.map(figure));
      const entry = {
        edges: layouts[layouts.length - 1]!.edges,
        iterations: mainThreadIterations,
        layoutMs: of((l) => l.layoutMs),
        longestTaskMs: of((l) => l.longestTaskMs),
        longTasks: of((l) => l.longTasks),
        frames: of((l) => l.frames),
        longestFrameGapMs: of((l) => l.longestFrameGapMs),
        applyMs: of((l) => l.applyMs),
        applyUpdateMs: of((l) => l.applyUpdateMs),
        applyLongestTaskMs: of((l) => l.applyLongestTaskMs),
      };
      layoutMainThread[String(size)] = entry;
      options.log(
        `layout in the explorer's worker, ${size} nodes (${mainThreadIterations} iterations): ${entry.layoutMs.median.toFixed(0)} ms; ` +
          `main thread: ${entry.longTasks.median} long tasks, longest ${entry.longestTaskMs.median.toFixed(0)} ms, ` +
          `${entry.frames.median} frames, longest gap ${entry.longestFrameGapMs.median.toFixed(0)} ms; ` +
          `applying the positions ${entry.applyMs.median.toFixed(0)} ms (longest task ${entry.applyLongestTaskMs.median.toFixed(0)} ms)`,
      );
      // Where in the layout the long tasks fell (start, as ms from the layout's start, and length), run by run: the
      // start is the runner building its worker and posting the input, the end its handling of the positions.
      const where = layouts.map((l) =>
        l.taskList.map((task) => `${task.durationMs.toFixed(0)} ms at +${task.atMs.toFixed(0)} ms`).join(', '),
      );
      if (where.some((text) => text !== ''))
        options.log(`  long tasks during that layout, run by run: ${where.map((text) => text || 'none').join('; ')}`);
    }
    if (mainThreadSizes.length > 0) results.layoutMainThread = layoutMainThread;
    if (errors.length > 0) throw new Error(`the bench page raised: ${errors.join('; ')}`);
    return results;
  } finally {
    if (options.browser === undefined) await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(pageDir, { recursive: true, force: true });
  }
}

/** The browser phase with the run's settings, over a page and graphs prepared (at BROWSER_SIZES and LAYOUT_SIZES) while Neo4j started. */
export function browserPhase(
  args: BenchArgs,
  prepared: Promise<PreparedBrowserBench>,
  log: Log,
  browser?: Browser,
): Promise<BrowserResults> {
  return browserBench({
    // The first-frame ratio needs the smallest and the largest size; a quick run leaves the middle one out.
    sizes: args.quick ? [BROWSER_SIZES[0]!, BROWSER_SIZES[BROWSER_SIZES.length - 1]!] : BROWSER_SIZES,
    layoutSizes: LAYOUT_SIZES,
    // A quick run draws each size once; two runs keep the full run inside its ten minutes.
    runs: args.quick ? 1 : Math.min(args.runs, 2),
    panFrames: args.quick ? 30 : 60,
    layoutIterations: (nodes) => (nodes >= 50_000 ? (args.quick ? 3 : 5) : args.quick ? 10 : 20),
    layoutMainThreadSizes: LAYOUT_MAIN_THREAD_SIZES,
    layoutMainThreadIterations: args.quick ? 5 : 20,
    // The target is judged on the worst run, so the full run takes two; the layout above 10,000 nodes has no
    // no-overlap pass, so a 50,000-node run is ForceAtlas2 alone (seconds, not the minutes it was with the pass).
    layoutMainThreadRuns: args.quick ? 1 : 2,
    log,
    prepared,
    browser,
  });
}
