// Writes the bench's figures: bench/results(-quick).json in full, and their tables into BENCHMARKS.md between markers, leaving the hand-written notes alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Spread } from './measure';
import type { BenchResults } from './types';

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** "median [min–max]" across runs. */
const s = (spread: Spread, digits = 1) => `${f(spread.median, digits)} [${f(spread.min, digits)}–${f(spread.max, digits)}]`;
const int = (value: number) => Math.round(value).toLocaleString('en-GB');

export function renderTables(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(
    `Run: **${r.kind}**, ${r.date}, ${r.seconds} s in all. API and raw driver: ${r.settings.runs} runs of ${r.settings.secondsPerMeasurement} s ` +
      `per measurement (twice as long at concurrency 16); one-per-row loading and the browser: at most 2 runs (1 in a quick run); the full load: 1 run. ` +
      `Figures are median [min–max] across runs. Query timeout ${r.settings.queryTimeoutMs} ms.`,
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB RAM, ${r.machine.os}; Node ${r.machine.node}; ` +
      `${r.machine.neo4j} on ${r.machine.java}; Chromium ${r.machine.chromium}. Load average at the end: ${r.machine.loadAverageAtEnd.join(', ')} ` +
      '(the machine is shared with other developers’ test runs).',
    '',
    `Dataset \`${r.dataset.id}\`: ${int(r.dataset.claims)} claims, ${int(r.dataset.actors)} actors, ${int(r.dataset.incidents)} incidents, ` +
      `${int(r.dataset.sources)} sources; ${int(r.loader.full.relationships)} relationships. Busiest incident: ${int(r.dataset.busiestIncidentClaims)} claims.`,
    '',
    '#### Targets',
    '',
    '| Target | Measured | Met |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    '#### Loader',
    '',
    '| Measure | Value |',
    '|---|---|',
    `| Full load: ${int(r.loader.full.nodes)} nodes + ${int(r.loader.full.relationships)} relationships in ${r.loader.full.chunks} chunks (one run) | ${f(r.loader.full.seconds)} s, ${int(r.loader.full.rowsPerSecond)} rows/s |`,
    `| Node statements only | ${int(r.loader.full.nodeRowsPerSecond)} rows/s |`,
    `| Relationship statements only (clearing included) | ${int(r.loader.full.relationshipRowsPerSecond)} rows/s |`,
    `| Same ${int(r.loader.sampleRows)} rows, one query and transaction per row | ${s(r.loader.perRowRowsPerSecond, 0)} rows/s |`,
    `| Same rows, batched (one chunk) | ${s(r.loader.batchedSampleRowsPerSecond, 0)} rows/s |`,
    `| Batched (same rows) ÷ one per row | ${s(r.loader.ratio, 0)}× |`,
    `| Full load ÷ one per row | ${s(r.loader.fullRatio, 0)}× |`,
    '',
    '#### API (HTTP, autocannon) against the raw driver (the same Cypher, replayed)',
    '',
    '| Query | Concurrency | API p50 ms | API p95 ms | API p99 ms | API req/s | Raw p50 ms | Raw p95 ms | Raw p99 ms | API ÷ raw p50 | Failed |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const scenario of r.api) {
    for (const [concurrency, { api, raw }] of Object.entries(scenario.byConcurrency)) {
      lines.push(
        `| ${scenario.name} | ${concurrency} | ${s(api.p50)} | ${s(api.p95)} | ${s(api.p99)} | ${f(api.rps.median, 0)} | ${s(raw.p50)} | ${s(raw.p95)} | ${s(raw.p99)} | ${f(api.p50.median / raw.p50.median, 2)} | ${api.errors + raw.errors} |`,
      );
    }
  }
  lines.push(
    '',
    '#### Cypher PROFILE of one request per query (the first workload item)',
    '',
    '| Query | Statement | Rows | DB hits | Heaviest operators |',
    '|---|---|---|---|---|',
    ...r.api.flatMap((scenario) =>
      scenario.profile.map(
        (p) =>
          `| ${scenario.name} | \`${p.statement.replace(/\s+/g, ' ').replace(/\|/g, '\\|')}\` | ${int(p.rows)} | ${int(p.dbHits)} | ${p.top.join(', ')} |`,
      ),
    ),
  );
  lines.push(
    '',
    '#### Floors',
    '',
    '| Measure | Value |',
    '|---|---|',
    `| Driver round trip (session + read transaction + \`RETURN 1\`), p50 | ${s(r.floors.returnOneP50Ms, 2)} ms |`,
    `| \`JSON.stringify\` of a depth-2, limit-500 neighbourhood (${int(r.floors.jsonBytes)} bytes) | ${s(r.floors.jsonStringifyMs, 2)} ms |`,
  );
  if (r.browser !== undefined) {
    const b = r.browser;
    lines.push(
      '',
      '#### Browser (headless Chromium, SwiftShader WebGL)',
      '',
      `WebGL: ${b.webgl.version}; renderer \`${b.webgl.renderer}\`.`,
      '',
      '| Nodes | Edges | JSON bytes | Data to first frame ms | of which parse | import + placing | sigma constructor | Data to frame drawn ms | Pan frame p50 ms | Pan frame p95 ms | Pan frame max ms |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...Object.entries(b.firstFrame).map(
        ([nodes, frame]) =>
          `| ${int(Number(nodes))} | ${int(frame.edges)} | ${int(frame.bytes)} | ${s(frame.totalMs, 0)} | ${f(frame.parseMs.median, 0)} | ${f(frame.importMs.median, 0)} | ${f(frame.sigmaMs.median, 0)} | ${s(frame.drawnMs, 0)} | ${f(b.panFrameMs[nodes]!.p50)} | ${f(b.panFrameMs[nodes]!.p95)} | ${f(b.panFrameMs[nodes]!.max, 0)} |`,
      ),
      '',
      '| ForceAtlas2, Barnes–Hut | ms per iteration |',
      '|---|---|',
      ...Object.entries(b.forceAtlas2MsPerIteration).map(
        ([nodes, value]) => `| ${int(Number(nodes))} nodes, ${int(2 * Number(nodes))} edges | ${s(value)} |`,
      ),
    );
    if (b.layoutMainThread !== undefined) {
      lines.push(
        '',
        "The main thread while the explorer's `LayoutRunner` lays the drawn graph out in its web worker (ForceAtlas2 for the " +
          'iterations given, then its no-overlap pass), and while the positions are applied afterwards (graph update and ' +
          "sigma's refresh, until the second frame). Chromium reports only tasks over 50 ms; 0 means none.",
        '',
        '| Nodes | Edges | ForceAtlas2 iterations | Layout ms | Long tasks | Longest task ms | Frames | Longest frame gap ms | Apply ms | of which update and refresh | Longest task in apply ms |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        ...Object.entries(b.layoutMainThread).map(
          ([nodes, layout]) =>
            `| ${int(Number(nodes))} | ${int(layout.edges)} | ${layout.iterations} | ${s(layout.layoutMs, 0)} | ${s(layout.longTasks, 0)} | ${s(layout.longestTaskMs, 0)} | ${s(layout.frames, 0)} | ${s(layout.longestFrameGapMs, 0)} | ${s(layout.applyMs, 0)} | ${f(layout.applyUpdateMs.median, 0)} | ${s(layout.applyLongestTaskMs, 0)} |`,
        ),
      );
    }
  }
  if (r.firstScreen !== undefined) {
    const screen = r.firstScreen;
    lines.push(
      '',
      '#### First screen of the explorer (`/`, navigation until settled, same Chromium)',
      '',
      `The built explorer in \`${screen.clientDir}\`, served by an API process over each database; a fresh browser context per run, ` +
        `${screen.ratio.runs} pairs of runs back to back. Synthetic ÷ Sony, pair by pair: ${s(screen.ratio, 2)}.`,
      '',
      '| Graph | Records | Settled ms | Last API answer ms | GET /api/overview ms | Whole-graph loads | Nodes received | Nodes drawn | Largest limit asked | Failed API answers |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...[screen.synthetic, screen.sony].map(
        (side) =>
          `| ${side.label} | ${int(side.records)} | ${s(side.settledMs, 0)} | ${s(side.apiDoneMs, 0)} | ${s(side.overviewMs, 0)} | ${side.wholeGraphLoads} | ${int(side.nodesReceived)} | ${int(side.nodesDrawn)} | ${int(side.largestLimit)} | ${side.failedRequests} |`,
      ),
    );
  }
  if (r.phases !== undefined && r.phases.length > 0) {
    const processes = [...new Set(r.phases.flatMap((phase) => Object.keys(phase.cpuSeconds)))];
    lines.push(
      '',
      "#### Where the run's time went",
      '',
      `Wall-clock seconds per phase, and the CPU seconds each of the bench's processes used in it (Chromium's are not counted). ` +
        'Neo4j is stopped after this report is written.',
      '',
      `| Phase | Wall s | ${processes.map((process) => `CPU s ${process}`).join(' | ')} |`,
      `|---|---|${processes.map(() => '---|').join('')}`,
      ...r.phases.map(
        (phase) =>
          `| ${phase.name} | ${f(phase.seconds)} | ${processes.map((process) => f(phase.cpuSeconds[process] ?? NaN)).join(' | ')} |`,
      ),
    );
  }
  return lines.join('\n');
}

const HEADER = `# Benchmarks

\`npm run bench\` (full: 1,000,000 claims) and \`npm run bench -- --quick\` (50,000 claims) regenerate the
sections between the markers below; everything outside them is written by hand.
`;

/** Replaces the section between this run kind's markers (adding it when missing) and writes the JSON. */
export function writeReport(results: BenchResults, root: string): void {
  const json = path.join(root, 'bench', results.kind === 'quick' ? 'results-quick.json' : 'results.json');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const file = path.join(root, 'BENCHMARKS.md');
  const start = `<!-- bench:${results.kind}:start -->`;
  const end = `<!-- bench:${results.kind}:end -->`;
  const section = `${start}\n${renderTables(results)}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + section + text.slice(to + end.length);
  else
    text = `${text.trimEnd()}\n\n## ${results.kind === 'quick' ? 'Quick run (50,000 claims)' : 'Full run (1,000,000 claims)'}\n\n${section}\n`;
  writeFileSync(file, text);
}
