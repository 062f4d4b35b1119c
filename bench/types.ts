// The bench's shared types: its settings, what every phase is handed, and the shape of bench/results(-quick).json.
import type { Database } from '../server/db/neo4j';
import type { Percentiles, Phase, PhaseClock, Spread } from './measure';

/** The bench's settings, from its command line. */
export interface BenchArgs {
  quick: boolean;
  claims: number;
  runs: number;
  seconds: number;
  seed: number;
  browser: boolean;
}

export type Log = (line: string) => void;

/** What every phase after the database's start is handed. */
export interface BenchContext {
  db: Database;
  args: BenchArgs;
  clock: PhaseClock;
  log: Log;
}

/** One API request kind: its items' paths over HTTP, and the same call through the service for the raw side's recording. */
export interface Scenario {
  name: string;
  items: number;
  path(item: number): string;
  call(db: Database, item: number): Promise<unknown>;
  /** A target reads this scenario at concurrency 16, so a quick run measures it there too (it skips 16 elsewhere). */
  judgedAtConcurrency16?: boolean;
}

/** One measurement of a stream of requests or transactions. */
export interface LatencyRun extends Percentiles {
  rps: number;
  errors: number;
}

/** One figure of LatencyRun across the runs of a measurement. */
export interface RunsSummary {
  p50: Spread;
  p95: Spread;
  p99: Spread;
  rps: Spread;
  errors: number;
}

export interface QueryProfile {
  /** The statement's first line, enough to tell the queries of one request apart. */
  statement: string;
  rows: number;
  dbHits: number;
  /** The operators with the most database hits. */
  top: string[];
}

export interface Target {
  name: string;
  measured: string;
  met: boolean;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  loadAverageAtEnd: number[];
}

export interface LoaderResults {
  sampleRows: number;
  perRowRowsPerSecond: Spread;
  batchedSampleRowsPerSecond: Spread;
  ratio: Spread;
  /** The full load's rows/s ÷ one-per-row rows/s: fixed per-transaction costs no longer dominate the batched side. */
  fullRatio: Spread;
  full: {
    claims: number;
    nodes: number;
    relationships: number;
    seconds: number;
    rowsPerSecond: number;
    nodeRowsPerSecond: number;
    relationshipRowsPerSecond: number;
    chunks: number;
  };
}

/** One API scenario, measured over HTTP and replayed on the raw driver, by concurrency ("1", "16"). */
export interface ScenarioResults {
  name: string;
  profile: QueryProfile[];
  byConcurrency: Record<string, { api: RunsSummary; raw: RunsSummary }>;
}

export interface FloorResults {
  returnOneP50Ms: Spread;
  jsonBytes: number;
  jsonStringifyMs: Spread;
}

export interface BrowserResults {
  chromium: string;
  webgl: { version: string; vendor: string; renderer: string };
  firstFrame: Record<
    string,
    { totalMs: Spread; drawnMs: Spread; parseMs: Spread; importMs: Spread; sigmaMs: Spread; bytes: number; edges: number }
  >;
  panFrameMs: Record<string, Percentiles & { medianOfRuns: Spread }>;
  forceAtlas2MsPerIteration: Record<string, Spread>;
  /**
   * The page's main thread while the explorer's LayoutRunner lays the drawn graph out in its worker, by node count:
   * long tasks (Chromium reports those over 50 ms; 0 when none), animation frames, and applying the positions after.
   * Absent in results written before it was measured.
   */
  layoutMainThread?: Record<
    string,
    {
      edges: number;
      /** ForceAtlas2 iterations asked of the layout (LayoutInput.iterations). */
      iterations: number;
      layoutMs: Spread;
      longestTaskMs: Spread;
      longTasks: Spread;
      frames: Spread;
      longestFrameGapMs: Spread;
      /** Applying the positions (graph update and sigma's refresh) until the second animation frame after. */
      applyMs: Spread;
      applyUpdateMs: Spread;
      applyLongestTaskMs: Spread;
    }
  >;
}

/** One side of the first-screen measurement: `/` of the built explorer, from navigation until the page has settled. */
export interface FirstScreenSide {
  label: string;
  /** Records in the graph, as the overview reported them to the page. */
  records: number;
  settledMs: Spread;
  /** When the last of the page's API answers ended (Resource Timing); the rest is the page's own work. */
  apiDoneMs: Spread;
  /** The page's own GET /api/overview, request to last byte (Resource Timing). */
  overviewMs: Spread;
  /** The most in any run: requests for the whole graph (GET /api/graph), and graph nodes in every answer. */
  wholeGraphLoads: number;
  nodesReceived: number;
  nodesDrawn: number;
  /** The largest `limit` any of the page's API requests asked for. */
  largestLimit: number;
  /** API answers with an error status, over every run (the page retries a failed load 20 s later). */
  failedRequests: number;
}

export interface FirstScreenResults {
  /** The built explorer that was served. */
  clientDir: string;
  /** The explorer's default size above which it never loads the whole graph. */
  startSmallAbove: number;
  synthetic: FirstScreenSide;
  sony: FirstScreenSide;
  /** Synthetic ÷ Sony, run by run (each pair back to back). */
  ratio: Spread;
}

export interface BenchResults {
  kind: 'quick' | 'full';
  date: string;
  seconds: number;
  machine: MachineInfo & { neo4j: string; chromium: string };
  settings: { claims: number; runs: number; secondsPerMeasurement: number; seed: number; queryTimeoutMs: number };
  dataset: {
    id: string;
    actors: number;
    incidents: number;
    sources: number;
    claims: number;
    busiestIncident: string;
    busiestIncidentClaims: number;
    /** Absent in results written before the median incident was measured. */
    medianIncident?: string;
    medianIncidentClaims?: number;
  };
  loader: LoaderResults;
  api: ScenarioResults[];
  floors: FloorResults;
  browser: BrowserResults | undefined;
  /** Absent when the browser was not run, and in results written before it was measured. */
  firstScreen?: FirstScreenResults;
  /** Wall-clock and CPU seconds per phase of the run (absent in results written before it was recorded). */
  phases?: Phase[];
  targets: Target[];
}
