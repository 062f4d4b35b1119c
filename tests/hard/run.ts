// `npm run test:hard`: runs all ten reliability tests against Neo4j instances of its own and writes their figures to RELIABILITY.md.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Express } from 'express';
import { connectDatabase, type Database } from '../../server/db/neo4j';
import { freePort } from '../../server/db/localNeo4j';
import { FIXTURE_FILE, resetAndSeed } from '../support/db';
import { testApp } from '../support/api';
import type { ScenarioResult } from '../reliability/support/http';
import { injectionScenario } from '../reliability/support/injection';
import { fuzzScenario } from '../reliability/support/fuzz';
import { concurrentImportScenario } from '../reliability/support/concurrency';
import { authScenario } from '../reliability/support/auth';
import { edgesScenario } from '../reliability/support/edges';
import { sigtermScenario } from '../reliability/support/shutdown';
import { capsScenario } from './caps';
import { neo4jKillScenario } from './neo4jKill';
import { crashLoadScenario } from './crashLoad';
import { soakScenario } from './soak';
import { OwnNeo4j } from './support/neo4j';
import { syntheticDataset } from './support/synthetic';

const ROOT = path.resolve(__dirname, '..', '..');
const REPORT = path.join(ROOT, 'RELIABILITY.md');
const RESULTS = path.join(ROOT, 'test-artifacts', 'reliability-results.json');
const TOKEN = 'hard-token-0123456789';

interface Row {
  id: number;
  test: string;
  criterion: string;
  figure: string;
  passed: boolean;
  failures: string[];
  date: string;
  seconds: number;
}

const TESTS: Array<{ id: number; test: string; criterion: string }> = [
  {
    id: 1,
    test: 'Injection',
    criterion: '0 5xx; signature (counts + hash of sorted ids) unchanged; no Neo4j error code or Cypher text in any body',
  },
  {
    id: 2,
    test: 'Fuzzing (fast-check, OpenAPI)',
    criterion: '≥ 10,000 requests, seed logged; 0 5xx; 0 stack traces; every 2xx body matches its zod schema',
  },
  {
    id: 3,
    test: 'Caps, hub, pathological query',
    criterion:
      'out-of-cap depth/limit → 400; hub response ≤ cap, ≤ 1 MB, p99 < 1 s; over-timeout query → 503 within 2.5 s, tried once, Retry-After 30',
  },
  {
    id: 4,
    test: 'Neo4j killed under load',
    criterion:
      'only 200/503, every 503 with Retry-After; first 200 ≤ 10 s after restart; every acknowledged write present; no dataset half-loaded',
  },
  { id: 5, test: 'Crash mid-load', criterion: 'signature always "before" or "after"; a re-run reaches "after"; no duplicate ids' },
  { id: 6, test: 'Concurrent imports', criterion: '20 parallel imports of one dataset → exactly one copy' },
  { id: 7, test: 'Auth', criterion: 'every non-GET route: no token → 401; wrong token → 401; writes disabled → 403; nothing written' },
  {
    id: 8,
    test: 'HTTP edges',
    criterion:
      '413; 400; helmet headers on every response, no X-Powered-By; foreign origin gets no CORS header; over the limit → 429 with RateLimit headers',
  },
  { id: 9, test: 'Shutdown', criterion: 'SIGTERM with 20 in flight: all 20 complete; exit 0 within 10 s; no open handles' },
  { id: 10, test: 'Soak', criterion: '10 min at half the max throughput: 0 errors; RSS growth < 10% after warm-up; p99 drift < 20%' },
];

function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

interface Options {
  only: Set<number> | undefined;
  soakMinutes: number;
  kills: number;
  reportOnly: boolean;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(value)}`);
  return parsed;
}

/** `--only 3,5` runs those tests; `--soak-minutes N` and `--kills N` size #10 and #5; `--report-only` rewrites RELIABILITY.md. */
function parseCli(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      'soak-minutes': { type: 'string' },
      kills: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  let only: Set<number> | undefined;
  if (values.only !== undefined) {
    const ids = values.only.split(',').map(Number);
    if (ids.some((id) => !TESTS.some((test) => test.id === id))) {
      throw new Error(`--only: expected test numbers from 1 to ${TESTS.length} separated by commas, got ${JSON.stringify(values.only)}`);
    }
    only = new Set(ids);
  }
  return {
    only,
    soakMinutes: positiveInteger('soak-minutes', values['soak-minutes'], 10),
    kills: positiveInteger('kills', values.kills, 20),
    reportOnly: values['report-only'],
  };
}

/** An app whose database address has nothing listening, as when Neo4j is down. */
async function downApp(): Promise<{ app: Express; db: Database }> {
  const uri = `bolt://127.0.0.1:${await freePort()}`;
  const db = connectDatabase(uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', CONNECT_TIMEOUT_MS: 2000, QUERY_TIMEOUT_MS: 2000 }, true);
  return { app: testApp(db), db };
}

function writeReport(rows: Row[]): void {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Reliability',
    '',
    'Figures from the last real run of `npm run test:hard` (`tests/hard/run.ts`), which rewrites this file. Every load and fault',
    'test targets 127.0.0.1 only and starts Neo4j instances of its own (temp directory, free port), never the dev Neo4j.',
    'The quick parts (1, 2, 6, 7, 8, 9) also run in `npm test` (`tests/reliability/`, `tests/api/http.test.ts`, `tests/api/server.test.ts`).',
    '',
    '| # | Test | Figure | Pass criterion | Result | Last run |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.id} | ${cell(row.test)} | ${cell(row.figure)} | ${cell(row.criterion)} | ${row.passed ? 'pass' : '**FAIL**'} | ${row.date} |`,
    ),
    '',
  ];
  const failing = rows.filter((row) => !row.passed);
  if (failing.length > 0) {
    lines.push('## Failures', '');
    for (const row of failing) {
      lines.push(`### ${row.id}. ${row.test}`, '', ...row.failures.slice(0, 20).map((failure) => `- ${cell(failure).slice(0, 600)}`), '');
    }
  }
  lines.push(
    '## How each figure is made',
    '',
    '1. **Injection** — `tests/reliability/support/injection.ts`: every payload in every path and query parameter of every GET route (taken from the route table),',
    '   and in ids and free text of both write bodies. Reads are compared with the full property signature, writes with counts + sorted-id hash; a payload',
    '   accepted as an actor name must read back verbatim. Bodies are searched for Neo4j codes, Java packages, Cypher and stack frames after removing what was sent.',
    '2. **Fuzzing** — `tests/reliability/support/fuzz.ts`: fast-check builds requests from the served `/api/openapi.json` (types, enums, min/max, patterns,',
    "   plus out-of-range values, junk, unknown keys and arbitrary JSON bodies); 2xx bodies are parsed with the route's zod `response` schema. The seed is in the figure.",
    '3. **Caps** — `tests/hard/caps.ts`: every integer parameter of the OpenAPI document at max+1, min−1 and max×1000; hub views of a synthetic graph in which 30% of',
    '   claims accuse one actor about one incident and every actor is affiliated with that actor (`tests/hard/support/synthetic.ts`), 100 timed requests each after',
    '   3 warm-ups. For the timeout, heavy but valid requests are tried at the default 2 s `QUERY_TIMEOUT_MS`; only if none exceeds it, the same requests run',
    '   with a 1 s limit, then 500 ms (every valid request is capped, so on a quiet machine none may take 2 s). "Tried once" is counted by wrapping the driver\'s',
    '   `executeRead` and also shown by timing: the 503 comes after the timeout and before twice the timeout (a retry would need another full timeout);',
    '   "not retried for 30 s" is the `Retry-After: 30` the API sends for a timed-out query (5 s for an unreachable database).',
    '4. **Neo4j killed** — `tests/hard/neo4jKill.ts`: `server/main.ts` as a real process; 20 closed-loop connections; every 5th request imports its own small dataset.',
    "   The recovery time is measured from the moment the restarted Neo4j accepts Bolt connections (its JVM start-up is not the API's time)",
    '   to the first 200 answered to a request sent after it. (Until 2026-11-22 it took the first such request sent, which could be an import',
    '   that a just-restarted Neo4j took 8.5 s to load while reads sent after it were answered within 0.5 s.)',
    '5. **Crash mid-load** — `tests/hard/crashLoad.ts`: the real loader CLI `seed/cli.ts` loads one large synthetic dataset in one transaction; kills alternate between',
    '   the loader and the Neo4j JVM (SIGKILL, then restart on the same store), at uniformly random points of a load; each is followed by a full re-run.',
    '6. **Concurrency** — `tests/reliability/support/concurrency.ts`: 20 parallel `POST /api/datasets` of one dataset, compared with a single import into the same state.',
    "7. **Auth** — `tests/reliability/support/auth.ts`: write routes from the route table and from Express's own routing stack, so a route added outside the table is covered.",
    "8. **Edges** — `tests/reliability/support/edges.ts`: every route's 200/400/404/401/413/429/503 answers are checked for the helmet header set.",
    '9. **Shutdown** — `tests/reliability/support/shutdown.ts`: `server/main.ts` no longer calls `process.exit(0)`; it exits only when nothing is left open, so a',
    '   leaked handle would show as the 9 s guard (exit 1, naming the open resources).',
    '10. **Soak** — `tests/hard/soak.ts`: autocannon measures the maximum (20 connections, 20 s, the six read routes below); an open loop then holds half',
    '    of it for ten one-minute segments. Minute 1 is warm-up; RSS growth and p99 drift are the change from minute 2 to the last minute of a Theil–Sen',
    "    line through each minute's median RSS and p99, so one minute disturbed by a neighbour barely moves it while a steady trend counts in full. The",
    "    figure adds a resampling interval for the drift, each minute's p99 and load average, and other processes' CPU share in the compared minutes.",
    '    The read mix is an actor, an attribution, a search, a filtered claim list, a depth-2 neighbourhood and a claim on the seed dataset.',
    '',
    'The machine is a shared 2-core box: timings include whatever else ran on it during the run.',
    '',
    '## Product fixes these tests led to',
    '',
    '- `server/http/problems.ts`: a query that hit the transaction timeout answered `Retry-After: 5`, the same as an unreachable database,',
    '  inviting the client to repeat a request that would time out again. It now answers `Retry-After: 30` (`TIMEOUT_RETRY_AFTER_SECONDS`).',
    '- `server/neo4j-launcher/…/LocalNeo4j.java` and `docker-compose.yml`: Neo4j checks for timed-out transactions every 2 s by default, so a',
    '  2 s timeout could end a query up to 4 s after it began; `db.transaction.monitor.check.interval` is now 100 ms.',
    '- `server/main.ts`: the drain ended with `process.exit(0)`, which would hide a leaked handle; the process now exits when nothing is',
    '  left open, and the 9 s guard logs the open resources (`process.getActiveResourcesInfo()`) before exiting 1.',
    '- `server/graph/service.ts` (#3): the attribution of a hub incident listed up to 2,000 claims with their sources, 3.1 MB. It now counts',
    '  every claim per accused actor and side but lists only the `claimsPerSide` earliest (default 10, at most 50) for the `limit`',
    '  most-blamed actors (default 25, at most 100), and never more than 400 claims in all; `truncated` and `accusedTotal` say what was left out.',
    '- `server/graph/service.ts` (#3): an evidence chain read every claim property of up to 2,000 rows per level, though at most 500 claims',
    '  are kept; around a hub claim most rows repeat known claims. Levels now read ids only, and properties come once for the kept claims.',
    '- `server/db/errors.ts` (#4): since neo4j-driver 6 the connection acquisition timeout covers the Bolt handshake, so a Neo4j that accepts',
    '  TCP while its JVM starts failed with the driver\'s code-less "acquisition timed out" error and answered 500. A code-less driver error',
    '  raised outside the transaction function is now `ConnectionAcquisitionError` (unavailable: 503, `Retry-After: 5`).',
    '- `server/db/neo4j.ts` (#4): a just-restarted Neo4j plans and compiles every statement afresh; eight imports started together took',
    '  9–11.5 s each where one alone took 4.2 s. While the database is cold (new driver, or the connection was lost), the first write',
    '  transaction now runs alone and other writes wait for it (at most 10 s): the same eight imports then finish within 5.7–6.6 s.',
    '',
    '## Open points',
    '',
    '- The whole-graph view accepts `limit` up to 20,000 nodes, but on a graph that large it cannot finish inside the 2 s query timeout:',
    '  #3 uses exactly that request as its pathological query. Either the cap or the timeout of that one route could change.',
    '- Neo4j plans a query the first time it sees it, and on a cold JVM under load that took over 2 s, so the first requests after',
    '  start-up could get a 503. `server/main.ts` now runs every read route once (`server/graph/warmUp.ts`) before it listens, and the',
    '  Jest run does the same in its global set-up; a restarted Neo4j (#4) is cold again until the routes have run once more.',
    '',
  );
  writeFileSync(REPORT, lines.join('\n'));
}

async function main(): Promise<number> {
  const options = parseCli(process.argv.slice(2));
  if (options.reportOnly) {
    // Rewrites RELIABILITY.md from the last saved results without running anything.
    writeReport(JSON.parse(readFileSync(RESULTS, 'utf8')) as Row[]);
    return 0;
  }
  const wanted = (id: number) => options.only === undefined || options.only.has(id);
  const previous: Row[] = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Row[]) : [];
  const rows = new Map<number, Row>(previous.map((row) => [row.id, row]));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-hard-'));
  const record = async (id: number, run: () => Promise<ScenarioResult>) => {
    if (!wanted(id)) return;
    const spec = TESTS.find((test) => test.id === id)!;
    log(`#${id} ${spec.test}: starting`);
    const started = Date.now();
    let result: ScenarioResult;
    try {
      result = await run();
    } catch (error) {
      result = {
        figure: 'did not finish',
        failures: [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`],
      };
    }
    const row: Row = {
      ...spec,
      figure: result.figure,
      passed: result.failures.length === 0,
      failures: result.failures,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      seconds: Math.round((Date.now() - started) / 1000),
    };
    rows.set(id, row);
    log(`#${id} ${spec.test}: ${row.passed ? 'PASS' : 'FAIL'} in ${row.seconds} s — ${row.figure}`);
    for (const failure of row.failures.slice(0, 10)) log(`   ${failure.slice(0, 500)}`);
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(
      RESULTS,
      JSON.stringify(
        [...rows.values()].sort((a, b) => a.id - b.id),
        null,
        2,
      ),
    );
  };

  const instances: OwnNeo4j[] = [];
  const own = async (name: string) => {
    log(`starting a Neo4j of our own for ${name}`);
    const instance = await OwnNeo4j.start(name, { log });
    instances.push(instance);
    log(`${name}: Neo4j on ${instance.uri} (pid ${instance.pid})`);
    return instance;
  };
  try {
    const dataset = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as unknown;
    if ([1, 2, 6, 7, 8, 9, 10].some(wanted)) {
      const main = await own('main');
      // Long timeouts here: these tests are about answers, not speed (3 and 10 measure speed with the defaults).
      const db = main.database(20_000);
      const reseed = async () => void (await resetAndSeed(db));
      await reseed();
      await record(1, async () => {
        await reseed();
        return injectionScenario(testApp(db, { WRITE_TOKEN: TOKEN }), db, { token: TOKEN });
      });
      await record(2, async () => {
        await reseed();
        const seed = Date.now() % 2 ** 31;
        log(`#2 fast-check seed ${seed}`);
        return fuzzScenario(testApp(db, { WRITE_TOKEN: TOKEN }), db, { runs: 10_000, seed, token: TOKEN, dataset, log });
      });
      await record(6, async () => {
        await reseed();
        const big = syntheticDataset({ seed: 6, claims: 2000, actors: 100, incidents: 20, sources: 200, prefix: 'conc-' });
        return concurrentImportScenario(testApp(db, { WRITE_TOKEN: TOKEN }), db, { token: TOKEN, dataset: big, reset: reseed });
      });
      await record(7, async () => {
        await reseed();
        return authScenario(db, { token: TOKEN, app: (env) => testApp(db, env), bodyFor: () => dataset });
      });
      await record(8, async () => {
        await reseed();
        const down = await downApp();
        try {
          return await edgesScenario({ token: TOKEN, app: (env) => testApp(db, env), downApp: down.app, dataset });
        } finally {
          await down.db.close();
        }
      });
      await record(9, async () => {
        await reseed();
        return sigtermScenario({ env: { NEO4J_URI: main.uri } });
      });
      await db.close();
      await record(10, () => soakScenario(main, { minutes: options.soakMinutes }, log));
      await main.dispose();
    }
    if (wanted(3)) {
      const large = await own('caps');
      await record(3, () => capsScenario(large, log));
      await large.dispose();
    }
    if (wanted(4)) {
      const victim = await own('kill');
      await record(4, () => neo4jKillScenario(victim, log));
      await victim.dispose();
    }
    if (wanted(5)) {
      const crash = await own('crash');
      const seed = Date.now() % 2 ** 31;
      log(`#5 kill-time seed ${seed}`);
      await record(5, () => crashLoadScenario(crash, { kills: options.kills, seed, workDir }, log));
      await crash.dispose();
    }
  } finally {
    for (const instance of instances) await instance.dispose().catch(() => {});
    rmSync(workDir, { recursive: true, force: true });
  }

  const all = [...rows.values()].sort((a, b) => a.id - b.id);
  writeReport(all);
  const passed = all.filter((row) => row.passed).length;
  log(`RELIABILITY.md written`);
  process.stdout.write(`\n${passed} passed, ${all.length - passed} failed\n`);
  return passed === all.length && all.length === TESTS.length ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(`test:hard failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
