// Reliability #10: measure the server's maximum throughput (autocannon), then hold half of it for ten minutes watching errors, RSS and p99.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { resetAndSeed } from '../support/db';
import { percentile, type ScenarioResult } from '../reliability/support/http';
import { startServer } from '../reliability/support/serverProcess';
import { openLoop, type Sample } from './support/load';
import type { OwnNeo4j } from './support/neo4j';

const READS = [
  '/api/actors/fbi',
  '/api/incidents/sony-hack/attribution',
  '/api/search?q=north%20korea',
  '/api/claims?accused=dprk',
  '/api/graph/neighborhood/fbi?depth=2',
  '/api/claims/fbi-attributes-sony-hack',
];

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb === null ? Number.NaN : Number(kb[1]) * 1024;
}

const median = (values: number[]) => percentile(values, 50);

export async function soakScenario(neo4j: OwnNeo4j, options: { minutes: number }, log: (line: string) => void): Promise<ScenarioResult> {
  const failures: string[] = [];
  const setup = neo4j.database();
  await resetAndSeed(setup);
  await setup.close();
  const server = await startServer({ NEO4J_URI: neo4j.uri, LOG_LEVEL: 'warn' });
  try {
    for (const path of READS) await fetch(`${server.base}${path}`);
    // Maximum throughput: 20 connections as fast as the server answers.
    const max = await autocannon({
      url: server.base,
      connections: 20,
      duration: 20,
      requests: READS.map((path) => ({ method: 'GET' as const, path })),
    });
    const maxRate = max.requests.average;
    const rate = Math.max(1, Math.floor(maxRate / 2));
    log(
      `soak: maximum ${maxRate.toFixed(0)} req/s (p99 ${max.latency.p99} ms, ${max.non2xx} non-2xx); soaking at ${rate} req/s for ${options.minutes} min`,
    );

    const segments: Array<{ samples: Sample[]; rss: number[]; dropped: number }> = [];
    for (let minute = 0; minute < options.minutes; minute++) {
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(rssBytes(server.pid)), 5000);
      const { samples, dropped } = await openLoop(server.base, {
        rate,
        durationMs: 60_000,
        maxInFlight: 64,
        next: (n) => ({ method: 'GET', path: READS[n % READS.length]!, label: 'read' }),
      });
      clearInterval(sampler);
      rss.push(rssBytes(server.pid));
      segments.push({ samples, rss, dropped });
      const errors = samples.filter((sample) => sample.status !== 200).length;
      log(
        `soak: minute ${minute + 1}: ${samples.length} requests, ${errors} errors, ${dropped} not sent, p99 ${percentile(
          samples.map((s) => s.ms),
          99,
        ).toFixed(1)} ms, RSS ${(median(rss) / 2 ** 20).toFixed(0)} MiB`,
      );
    }

    const all = segments.flatMap((segment) => segment.samples);
    const errors = all.filter((sample) => sample.status !== 200);
    const dropped = segments.reduce((sum, segment) => sum + segment.dropped, 0);
    if (errors.length > 0)
      failures.push(
        `${errors.length} errors, e.g. ${errors
          .slice(0, 3)
          .map((e) => `${e.status} ${e.error ?? ''}`)
          .join('; ')}`,
      );
    if (dropped > 0) failures.push(`${dropped} requests could not be sent: 64 were already waiting`);
    // The first minute is warm-up (JIT, plan cache, pools). Growth and drift compare the first half of the
    // rest with the second half, pooled, so one noisy minute on a shared machine is not taken for a trend.
    const rest = segments.length > 2 ? segments.slice(1) : segments;
    const half = Math.max(1, Math.floor(rest.length / 2));
    const early = rest.slice(0, half);
    const late = rest.slice(-half);
    const rssStart = median(early.flatMap((segment) => segment.rss));
    const rssEnd = median(late.flatMap((segment) => segment.rss));
    const growth = (rssEnd - rssStart) / rssStart;
    const p99Start = percentile(
      early.flatMap((segment) => segment.samples.map((s) => s.ms)),
      99,
    );
    const p99End = percentile(
      late.flatMap((segment) => segment.samples.map((s) => s.ms)),
      99,
    );
    const drift = (p99End - p99Start) / p99Start;
    if (growth >= 0.1) failures.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (≥ 10%)`);
    if (drift >= 0.2) failures.push(`p99 drifted ${(drift * 100).toFixed(1)}% (≥ 20%)`);
    return {
      figure: `max ${maxRate.toFixed(0)} req/s; ${options.minutes} min at ${rate} req/s = ${all.length} requests, ${errors.length} errors; RSS ${(
        rssStart /
        2 ** 20
      ).toFixed(
        0,
      )} → ${(rssEnd / 2 ** 20).toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%); p99 ${p99Start.toFixed(1)} → ${p99End.toFixed(1)} ms (${
        drift >= 0 ? '+' : ''
      }${(drift * 100).toFixed(1)}%) between the first and second half after the warm-up minute; p99 by minute: ${segments
        .map((segment) =>
          percentile(
            segment.samples.map((s) => s.ms),
            99,
          ).toFixed(0),
        )
        .join('/')} ms`,
      failures,
      details: {
        maxRate,
        rate,
        perMinute: segments.map((segment) => ({
          requests: segment.samples.length,
          errors: segment.samples.filter((s) => s.status !== 200).length,
          p50: percentile(
            segment.samples.map((s) => s.ms),
            50,
          ),
          p99: percentile(
            segment.samples.map((s) => s.ms),
            99,
          ),
          rssMiB: median(segment.rss) / 2 ** 20,
        })),
      },
    };
  } finally {
    server.kill();
  }
}
