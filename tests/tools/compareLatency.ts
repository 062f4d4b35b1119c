// Times one route on two running servers side by side: requests alternate between them in random order, so a noisy
// machine slows both alike and the ratio holds where absolute times do not.
// Usage: npx tsx tests/tools/compareLatency.ts BEFORE_URL AFTER_URL /api/route [pairs]
import { randomInt } from 'node:crypto';

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: expected 200, got ${response.status}`);
  return performance.now() - started;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const [before, after, route, pairsText = '60'] = process.argv.slice(2);
  const pairs = Number(pairsText);
  if (before === undefined || after === undefined || route === undefined || !Number.isInteger(pairs) || pairs < 1) {
    throw new Error('usage: compareLatency.ts BEFORE_URL AFTER_URL /api/route [pairs]');
  }
  // Warm both plans and caches before anything is counted.
  for (let i = 0; i < 5; i++) await Promise.all([timed(before + route), timed(after + route)]);
  const times = { before: [] as number[], after: [] as number[] };
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const afterFirst = randomInt(2) === 1;
    const first = await timed((afterFirst ? after : before) + route);
    const second = await timed((afterFirst ? before : after) + route);
    const [b, a] = afterFirst ? [second, first] : [first, second];
    times.before.push(b);
    times.after.push(a);
    ratios.push(a / b);
  }
  const summary = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    return `p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms`;
  };
  const sortedRatios = [...ratios].sort((x, y) => x - y);
  console.log(`${route}, ${pairs} alternating pairs`);
  console.log(`  before ${summary(times.before)}`);
  console.log(`  after  ${summary(times.after)}`);
  console.log(
    `  after ÷ before per pair: median ${quantile(sortedRatios, 0.5).toFixed(2)} [p25 ${quantile(sortedRatios, 0.25).toFixed(2)}, p75 ${quantile(sortedRatios, 0.75).toFixed(2)}]`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
