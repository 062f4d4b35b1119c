// Reliability #3: caps beyond their bounds → 400; a worst-case hub on a large synthetic graph stays bounded; a query past the timeout gets one try and a 503.
import type { Express } from 'express';
import request from 'supertest';
import { ensureSchema } from '../../server/db/schema';
import { loadDataset } from '../../server/db/load';
import { CAPS } from '../../server/model/api';
import { testApp } from '../support/api';
import { listen, percentile, type ScenarioResult } from '../reliability/support/http';
import { operationsOf } from '../reliability/support/fuzz';
import type { OwnNeo4j } from './support/neo4j';
import { hubIds, syntheticDataset } from './support/synthetic';

export const LARGE_GRAPH = { seed: 3, claims: 10_000, actors: 500, incidents: 100, sources: 1000, hubShare: 0.3, prefix: 'big-' } as const;

/** Every integer parameter of every operation, one past its maximum and one below its minimum. */
async function outOfCap(app: Express): Promise<{ requests: number; wrong: string[] }> {
  const http = await listen(app);
  const wrong: string[] = [];
  let requests = 0;
  try {
    const operations = operationsOf((await request(http.server).get('/api/openapi.json')).body);
    const valid: Record<string, string> = {
      id: 'big-actor-0',
      claimId: 'big-claim-0',
      q: 'hub',
      from: 'big-actor-1',
      to: 'big-actor-2',
      format: 'json',
    };
    for (const operation of operations.filter((candidate) => candidate.method === 'get')) {
      for (const parameter of operation.parameters.filter((candidate) => candidate.schema.type === 'integer')) {
        for (const value of [parameter.schema.maximum! + 1, parameter.schema.minimum! - 1, parameter.schema.maximum! * 1000]) {
          let path = operation.path;
          const query = new URLSearchParams();
          for (const other of operation.parameters) {
            if (other.in === 'path') path = path.replace(`{${other.name}}`, valid[other.name] ?? 'x');
            else if (other.required) query.set(other.name, valid[other.name] ?? 'x');
          }
          // Export parameters belong to a view; pick the one that reads this parameter.
          if (operation.path === '/api/export') {
            const view = ['depth', 'limit'].includes(parameter.name) ? 'neighborhood' : parameter.name === 'maxHops' ? 'paths' : 'chain';
            query.set('view', view);
            if (view === 'paths') {
              query.set('from', 'big-actor-1');
              query.set('to', 'big-actor-2');
            } else query.set('id', view === 'chain' ? 'big-claim-0' : 'big-actor-0');
          }
          query.set(parameter.name, String(value));
          const url = `${path}?${query}`;
          const response = await request(http.server).get(url);
          requests++;
          if (response.status !== 400) wrong.push(`${url} → ${response.status}`);
        }
      }
    }
  } finally {
    await http.close();
  }
  return { requests, wrong };
}

interface Measured {
  url: string;
  p50: number;
  p99: number;
  maxBytes: number;
  maxNodes: number;
  statuses: number[];
}

async function measure(app: Express, url: string, times: number, nodesOf: (body: unknown) => number): Promise<Measured> {
  const http = await listen(app);
  try {
    // Warm the plan cache, as on a server that has answered this before.
    for (let i = 0; i < 3; i++) await request(http.server).get(url);
    const ms: number[] = [];
    const statuses: number[] = [];
    let maxBytes = 0;
    let maxNodes = 0;
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const response = await request(http.server).get(url);
      ms.push(performance.now() - started);
      statuses.push(response.status);
      maxBytes = Math.max(maxBytes, Buffer.byteLength(response.text ?? ''));
      maxNodes = Math.max(maxNodes, nodesOf(response.body));
    }
    return { url, p50: percentile(ms, 50), p99: percentile(ms, 99), maxBytes, maxNodes, statuses: [...new Set(statuses)] };
  } finally {
    await http.close();
  }
}

const listedClaims = (body: unknown) => {
  const accused = (body as { accused?: Array<Record<'assertedBy' | 'deniedBy' | 'declinedBy', unknown[]>> }).accused ?? [];
  return accused.reduce((sum, entry) => sum + entry.assertedBy.length + entry.deniedBy.length + entry.declinedBy.length, 0);
};

const graphNodes = (body: unknown) => (body as { graph?: { nodes?: unknown[] } }).graph?.nodes?.length ?? 0;

export async function capsScenario(neo4j: OwnNeo4j, log: (line: string) => void): Promise<ScenarioResult> {
  const failures: string[] = [];
  const setup = neo4j.database();
  await ensureSchema(setup);
  const dataset = syntheticDataset(LARGE_GRAPH);
  const loadStarted = Date.now();
  const summary = await loadDataset(setup, dataset);
  log(`caps: loaded ${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships in ${Date.now() - loadStarted} ms`);
  await setup.close();

  const db = neo4j.database(2000);
  const app = testApp(db);
  try {
    // ---- (a) beyond the caps
    const caps = await outOfCap(app);
    failures.push(...caps.wrong.map((line) => `out of cap but not 400: ${line}`));

    // ---- (b) the worst-case hub
    const hub = hubIds(LARGE_GRAPH.prefix);
    const hubViews: Array<[string, (body: unknown) => number, number]> = [
      [
        `/api/graph/neighborhood/${hub.actor}?depth=${CAPS.neighborhoodDepth}&limit=${CAPS.neighborhoodLimit}`,
        graphNodes,
        CAPS.neighborhoodLimit,
      ],
      [
        `/api/graph/neighborhood/${hub.incident}?depth=${CAPS.neighborhoodDepth}&limit=${CAPS.neighborhoodLimit}`,
        graphNodes,
        CAPS.neighborhoodLimit,
      ],
      [
        `/api/actors/${hub.actor}`,
        (body) => {
          const detail = body as { claimsMade?: unknown[]; claimsAbout?: unknown[] };
          return Math.max(detail.claimsMade?.length ?? 0, detail.claimsAbout?.length ?? 0);
        },
        500,
      ],
      [
        `/api/graph/chains/${hub.claim}?direction=downstream&maxDepth=${CAPS.chainDepth}`,
        (body) => (body as { steps?: unknown[] }).steps?.length ?? 0,
        CAPS.chainLimit,
      ],
      // The hub incident's attribution at the default size and at the largest the parameters allow; it counts listed claims.
      [`/api/incidents/${hub.incident}/attribution`, listedClaims, CAPS.attributionClaims],
      [
        `/api/incidents/${hub.incident}/attribution?limit=${CAPS.attributionAccused}&claimsPerSide=${CAPS.attributionClaimsPerSide}`,
        listedClaims,
        CAPS.attributionClaims,
      ],
      [
        `/api/claims?about=${hub.incident}&limit=${CAPS.listLimit}`,
        (body) => (body as { items?: unknown[] }).items?.length ?? 0,
        CAPS.listLimit,
      ],
    ];
    const measured: Measured[] = [];
    for (const [url, nodesOf, cap] of hubViews) {
      const result = await measure(app, url, 100, nodesOf);
      measured.push(result);
      log(
        `caps: ${url}: p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.maxBytes} bytes, ${result.maxNodes} items, statuses ${result.statuses}`,
      );
      if (result.statuses.join() !== '200') failures.push(`${url} answered ${result.statuses.join(', ')}`);
      if (result.maxNodes > cap) failures.push(`${url} returned ${result.maxNodes} items; the cap is ${cap}`);
      if (result.maxBytes > 1_000_000) failures.push(`${url} returned ${result.maxBytes} bytes (> 1 MB)`);
      if (result.p99 >= 1000) failures.push(`${url} p99 ${result.p99.toFixed(0)} ms (≥ 1 s)`);
    }
    // ---- (c) a query past the transaction timeout: the largest valid whole-graph request on a graph past its 20,000-node cap
    const more = neo4j.database();
    const second = await loadDataset(more, syntheticDataset({ ...LARGE_GRAPH, seed: 4, prefix: 'big2-' }));
    await more.close();
    log(
      `caps: second synthetic dataset loaded (${second.nodesCreated} more nodes) so the whole graph exceeds ${CAPS.wholeGraphNodes} nodes`,
    );
    const candidates = [
      `/api/graph?limit=${CAPS.wholeGraphNodes}`,
      `/api/export?format=json&view=graph&limit=${CAPS.wholeGraphNodes}`,
      `/api/graph/paths?from=big-claim-9999&to=big2-claim-9998&maxHops=${CAPS.pathHops}&limit=${CAPS.pathCount}`,
      `/api/search?q=${encodeURIComponent('at ta ac ck re ea in ti')}&limit=${CAPS.searchLimit}`,
    ];
    const tried: string[] = [];
    let timedOut: { url: string; ms: number; retryAfter: string | undefined; timeoutMs: number; attempts: number } | undefined;
    // Every valid request is capped, so on a quiet machine even the largest may finish inside 2 s, or 1 s; the
    // timeout's handling (one try, 503, Retry-After 30) is then shown with a shorter configured limit.
    for (const timeoutMs of [2000, 1000, 500]) {
      const timed = neo4j.database(timeoutMs);
      // Counts how often the driver runs a transaction's work, i.e. how many times the query was tried.
      let attempts = 0;
      const openSession = timed.driver.session.bind(timed.driver);
      timed.driver.session = ((config) => {
        const session = openSession(config);
        const executeRead = session.executeRead.bind(session);
        session.executeRead = ((work, transactionConfig) =>
          executeRead((tx) => {
            attempts++;
            return work(tx);
          }, transactionConfig)) as typeof session.executeRead;
        return session;
      }) as typeof timed.driver.session;
      const server = await listen(testApp(timed));
      try {
        for (const url of candidates) {
          attempts = 0;
          const started = performance.now();
          const response = await request(server.server).get(url);
          const ms = performance.now() - started;
          tried.push(`${url.split('?')[0]} at ${timeoutMs} ms: ${response.status} in ${ms.toFixed(0)} ms, ${attempts} attempt(s)`);
          if (response.status === 503) {
            timedOut = { url, ms, retryAfter: response.headers['retry-after'], timeoutMs, attempts };
            break;
          }
        }
      } finally {
        await server.close();
        await timed.close();
      }
      if (timedOut !== undefined) break;
    }
    log(`caps: timeout candidates: ${tried.join('; ')}`);
    if (timedOut === undefined) failures.push('no request reached the transaction timeout, even with a 500 ms limit');
    else {
      if (timedOut.retryAfter !== '30') failures.push(`timeout answered Retry-After ${timedOut.retryAfter}, expected 30`);
      if (timedOut.ms >= 2500) failures.push(`timeout answered after ${timedOut.ms.toFixed(0)} ms (≥ 2.5 s)`);
      if (timedOut.attempts !== 1) failures.push(`the timed-out query was tried ${timedOut.attempts} times`);
      if (timedOut.ms < timedOut.timeoutMs)
        failures.push(`503 after ${timedOut.ms.toFixed(0)} ms, before the ${timedOut.timeoutMs} ms timeout`);
    }
    const neighbourhood = measured[0]!;
    const attribution = measured[5]!;
    return {
      figure: `${caps.requests} out-of-cap requests → ${caps.requests - caps.wrong.length}×400; hub (${summary.nodesCreated} nodes, ${
        summary.relationshipsCreated
      } rels) depth-3 neighbourhood: ${neighbourhood.maxNodes} nodes, ${(neighbourhood.maxBytes / 1024).toFixed(0)} KB, p99 ${neighbourhood.p99.toFixed(
        0,
      )} ms; worst hub view p99 ${Math.max(...measured.map((m) => m.p99)).toFixed(0)} ms, ${(
        Math.max(...measured.map((m) => m.maxBytes)) / 1024
      ).toFixed(0)} KB; hub attribution at the largest parameters: ${attribution.maxNodes} claims listed, ${(
        attribution.maxBytes / 1024
      ).toFixed(0)} KB, p99 ${attribution.p99.toFixed(0)} ms; timeout: ${
        timedOut === undefined
          ? 'NOT reached'
          : `${timedOut.url.split('?')[0]}?limit=${CAPS.wholeGraphNodes} on ${summary.nodesCreated + second.nodesCreated} nodes at QUERY_TIMEOUT_MS=${timedOut.timeoutMs} → 503 in ${timedOut.ms.toFixed(0)} ms, ${timedOut.attempts} attempt, Retry-After ${timedOut.retryAfter}`
      }`,
      failures,
      details: { measured, tried, timedOut, outOfCap: caps },
    };
  } finally {
    await db.close();
  }
}
