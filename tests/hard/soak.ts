// Reliability #10: measure the server's maximum throughput (autocannon), then hold half of it for ten minutes watching errors, RSS and p99.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { processCpuSeconds } from '../../bench/measure';
import { mulberry32 } from '../../seed/random';
import { resetAndSeed } from '../support/db';
import { percentile, type ScenarioResult } from '../reliability/support/http';
import { startServer } from '../reliability/support/serverProcess';
import { openLoop, SEED_READS, type Sample } from './support/load';
import type { OwnNeo4j } from './support/neo4j';

const READS = [...SEED_READS, '/api/claims/fbi-attributes-sony-hack'];

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb === null ? Number.NaN : Number(kb[1]) * 1024;
}

/** CPU seconds the whole machine has spent busy (all cores), from the first line of /proc/stat (USER_HZ 100). */
function machineBusySeconds(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return (ticks.reduce((sum, value) => sum + value, 0) - idle) / 100;
}

const median = (values: number[]) => percentile(values, 50);

/**
 * Theil–Sen line through (minute, value): the median of all pairwise slopes, so a single minute disturbed by
 * a neighbour's burst or a GC pause barely moves it, while a steady trend across the run moves it in full.
 * Returns the fitted values at the first and the last minute.
 */
export function theilSen(values: readonly number[]): { first: number; last: number } {
  if (values.length < 2) return { first: values[0] ?? Number.NaN, last: values[0] ?? Number.NaN };
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) slopes.push((values[j]! - values[i]!) / (j - i));
  }
  const slope = median(slopes);
  const intercept = median(values.map((value, x) => value - slope * x));
  return { first: intercept, last: intercept + slope * (values.length - 1) };
}

const change = (fit: { first: number; last: number }) => (fit.last - fit.first) / fit.first;
const signed = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
const share = (fraction: number) => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(0)}%` : 'an unknown share');

interface Segment {
  samples: Sample[];
  rss: number[];
  dropped: number;
  /** The 1-minute load average, sampled every 5 s. */
  load: number[];
  /** Share of the machine's CPU (all cores) used by processes other than the server, Neo4j and this test. */
  othersCpuShare: number;
}

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

    const segments: Segment[] = [];
    for (let minute = 0; minute < options.minutes; minute++) {
      const rss: number[] = [];
      const load: number[] = [];
      const sampler = setInterval(() => {
        rss.push(rssBytes(server.pid));
        load.push(os.loadavg()[0]!);
      }, 5000);
      // The machine is shared: how much CPU everything else took shows whether a slow minute was ours.
      const ours = () => {
        const own = process.cpuUsage();
        const neo4jCpu = neo4j.pid === undefined ? Number.NaN : processCpuSeconds(neo4j.pid);
        return processCpuSeconds(server.pid) + neo4jCpu + (own.user + own.system) / 1e6;
      };
      const before = { machine: machineBusySeconds(), ours: ours(), at: performance.now() };
      const { samples, dropped } = await openLoop(server.base, {
        rate,
        durationMs: 60_000,
        maxInFlight: 64,
        next: (n) => ({ method: 'GET', path: READS[n % READS.length]!, label: 'read' }),
      });
      clearInterval(sampler);
      rss.push(rssBytes(server.pid));
      load.push(os.loadavg()[0]!);
      const capacity = ((performance.now() - before.at) / 1000) * os.cpus().length;
      const othersCpuShare = Math.max(0, machineBusySeconds() - before.machine - (ours() - before.ours)) / capacity;
      segments.push({ samples, rss, dropped, load, othersCpuShare });
      const errors = samples.filter((sample) => sample.status !== 200).length;
      log(
        `soak: minute ${minute + 1}: ${samples.length} requests, ${errors} errors, ${dropped} not sent, p99 ${percentile(
          samples.map((s) => s.ms),
          99,
        ).toFixed(1)} ms, RSS ${(median(rss) / 2 ** 20).toFixed(0)} MiB, load average ${median(load).toFixed(1)}, ` +
          `other processes ${share(othersCpuShare)} of the CPU`,
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

    // Minute 1 is warm-up (JIT, plan cache, pools). Growth and drift are the change, from the first minute after
    // it to the last, of a Theil–Sen line through every minute's value. A minute's p99 is one of its slowest
    // requests (the 16th of about 1,600 at 27 req/s): resampling one minute's requests moves it by about -20% to
    // +30%, and neighbours' load on this shared machine moves it more, so two single minutes compared mostly
    // noise. The line uses every minute without diluting a steady drift, which pooled halves would (to 5/8 of it
    // over nine minutes).
    const rest = segments.length > 2 ? segments.slice(1) : segments;
    const firstMinute = segments.length - rest.length + 1;
    const p99 = (samples: Sample[]) =>
      percentile(
        samples.map((s) => s.ms),
        99,
      );
    const rssFit = theilSen(rest.map((segment) => median(segment.rss)));
    const p99Fit = theilSen(rest.map((segment) => p99(segment.samples)));
    const growth = change(rssFit);
    const drift = change(p99Fit);
    // How much of the drift sampling alone could produce: the same fit over minutes resampled with replacement.
    const random = mulberry32(10);
    const resampled = Array.from({ length: 200 }, () =>
      change(
        theilSen(
          rest.map((segment) =>
            p99(Array.from({ length: segment.samples.length }, () => segment.samples[Math.floor(random() * segment.samples.length)]!)),
          ),
        ),
      ),
    );
    const interval = [percentile(resampled, 5), percentile(resampled, 95)] as const;
    if (growth >= 0.1) failures.push(`RSS grew ${signed(growth)} after warm-up (≥ 10%)`);
    if (drift >= 0.2) failures.push(`p99 drifted ${signed(drift)} (≥ 20%)`);

    const first = rest[0]!;
    const last = rest[rest.length - 1]!;
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    const minutesSpan = `minutes ${firstMinute}–${segments.length}`;
    return {
      figure:
        `max ${maxRate.toFixed(0)} req/s; ${options.minutes} min at ${rate} req/s = ${all.length} requests, ${errors.length} errors; ` +
        `RSS ${mib(rssFit.first)} → ${mib(rssFit.last)} MiB (${signed(growth)}), p99 ${p99Fit.first.toFixed(1)} → ${p99Fit.last.toFixed(1)} ms ` +
        `(${signed(drift)}; resampling gives ${signed(interval[0])} to ${signed(interval[1])}), both a Theil–Sen line over ${minutesSpan}; ` +
        `minute ${firstMinute} p99 ${p99(first.samples).toFixed(1)} ms at load average ${median(first.load).toFixed(1)} with other processes on ` +
        `${share(first.othersCpuShare)} of the CPU, minute ${segments.length} p99 ${p99(last.samples).toFixed(1)} ms at ` +
        `${median(last.load).toFixed(1)} and ${share(last.othersCpuShare)}; p99 by minute: ${segments
          .map((segment) => p99(segment.samples).toFixed(0))
          .join('/')} ms; load average by minute: ${segments.map((segment) => median(segment.load).toFixed(1)).join('/')}`,
      failures,
      details: {
        maxRate,
        rate,
        method: `Theil–Sen over ${minutesSpan}`,
        p99DriftResampled90: interval,
        perMinute: segments.map((segment) => ({
          requests: segment.samples.length,
          errors: segment.samples.filter((s) => s.status !== 200).length,
          dropped: segment.dropped,
          p50: percentile(
            segment.samples.map((s) => s.ms),
            50,
          ),
          p99: p99(segment.samples),
          rssMiB: median(segment.rss) / 2 ** 20,
          loadAverage: median(segment.load),
          othersCpuShare: segment.othersCpuShare,
        })),
      },
    };
  } finally {
    server.kill();
  }
}
