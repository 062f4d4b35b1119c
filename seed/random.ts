// Small seeded random numbers (mulberry32, a 32-bit hash, Zipf sampling) for the synthetic dataset and the browser bench.

import type { Random } from '../server/model/random';

// The generator lives in the model so that the explorer's layout draws from the very same one.
export { mulberry32, type Random } from '../server/model/random';

/**
 * Mixes several integers into one 32-bit seed (murmur3's finaliser per step). Seeding a generator
 * per record from (seed, stream, index) lets any chunk be generated without replaying the ones before it.
 */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function randomInt(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)]!;
}

/** Picks a key by weight; weights need not sum to 1. */
export function weighted<T extends string>(random: Random, weights: ReadonlyArray<readonly [T, number]>): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [key, weight] of weights) {
    at -= weight;
    if (at < 0) return key;
  }
  return weights[weights.length - 1]![0];
}

/**
 * Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent. The cumulative table
 * costs 8 bytes per rank (n is the number of actors or incidents, never the number of claims).
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Zipf: expected n ≥ 1, got ${n}`);
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let rank = 0; rank < n; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = sum;
    }
  }

  /** Share of all draws that land on `rank`. */
  share(rank: number): number {
    const previous = rank === 0 ? 0 : this.cumulative[rank - 1]!;
    return (this.cumulative[rank]! - previous) / this.cumulative[this.n - 1]!;
  }

  sample(random: Random): number {
    const target = random() * this.cumulative[this.n - 1]!;
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
