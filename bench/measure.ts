// Statistics and timed loops for the bench: exact percentiles from every sample, and min/median/max across repeated runs.

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
