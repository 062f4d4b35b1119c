// Statistics and timed loops for the bench: exact percentiles from every sample, and min/median/max across repeated runs.
import { readFileSync } from 'node:fs';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles over all samples (no histogram buckets, so small runs are not rounded). */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number;
}

/** How one figure varied across repeated runs. */
export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: NaN, median: NaN, max: NaN, runs: 0 };
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export interface LoopResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
}

/**
 * Runs `work` from `concurrency` parallel loops for `durationMs`, timing each call. Bounded in time:
 * no new call starts after the deadline.
 */
export async function timedLoop(concurrency: number, durationMs: number, work: (index: number) => Promise<unknown>): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const index = counter++;
      const begun = performance.now();
      try {
        await work(index);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, errors, firstError, seconds: (performance.now() - started) / 1000 };
}

export const round = (value: number, digits = 1): number => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export interface Phase {
  name: string;
  seconds: number;
  /** CPU seconds each process of the bench used during the phase (Linux only; empty elsewhere). */
  cpuSeconds: Record<string, number>;
}

// USER_HZ is 100 on every Linux the bench runs on (getconf CLK_TCK).
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; NaN where that is not readable. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * Wall-clock and CPU time per phase of a bench run, so a run that creeps towards its time budget shows
 * where the time went and which process spent it. The machine is shared, so wall time alone mixes our
 * work with other people's.
 */
export class PhaseClock {
  readonly phases: Phase[] = [];
  private readonly pids = new Map<string, number>();

  constructor(private readonly log?: (line: string) => void) {
    this.pids.set('bench', process.pid);
  }

  /** Counts a child process's CPU in the phases that follow. */
  watch(name: string, pid: number | undefined): void {
    if (pid !== undefined && pid > 0) this.pids.set(name, pid);
  }

  private cpu(): Record<string, number> {
    return Object.fromEntries([...this.pids].map(([name, pid]) => [name, processCpuSeconds(pid)]));
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const before = this.cpu();
    try {
      return await work();
    } finally {
      this.record(name, (performance.now() - started) / 1000, before);
    }
  }

  /** A phase that ended now and began `seconds` ago, with the CPU counters read at its start (when known). */
  record(name: string, seconds: number, cpuBefore?: Record<string, number>): void {
    const after = this.cpu();
    const cpuSeconds: Record<string, number> = {};
    for (const [process, total] of Object.entries(after)) {
      const start = cpuBefore?.[process] ?? 0;
      if (cpuBefore !== undefined && Number.isFinite(total - start)) cpuSeconds[process] = round(total - start, 1);
    }
    this.phases.push({ name, seconds: round(seconds, 1), cpuSeconds });
    const cpuText = Object.entries(cpuSeconds)
      .map(([process, value]) => `${process} ${value.toFixed(1)}`)
      .join(', ');
    this.log?.(`phase ${name}: ${seconds.toFixed(1)} s${cpuText === '' ? '' : ` (CPU s: ${cpuText})`}`);
  }
}
