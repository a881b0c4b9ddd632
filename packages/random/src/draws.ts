import type { Random } from './random.js';

/** A uniform draw in [low, high). */
export function uniform(random: Random, low = 0, high = 1): number {
  return low + (high - low) * random.nextFloat();
}

/** A uniform integer in [0, n), without modulo bias (rejection sampling on 32-bit draws). */
export function uniformInt(random: Random, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
    throw new RangeError(`uniformInt needs an integer n in [1, 2^32], got ${n}`);
  }
  const limit = 4294967296 - (4294967296 % n);
  for (;;) {
    const draw = random.nextUint32();
    if (draw < limit) return draw % n;
  }
}

/** A normal draw (Box–Muller; uses two uniforms per draw so that no hidden state is cached). */
export function normal(random: Random, mean = 0, standardDeviation = 1): number {
  // 1 − u lies in (0, 1], so the logarithm is finite.
  const radius = Math.sqrt(-2 * Math.log(1 - random.nextFloat()));
  return mean + standardDeviation * radius * Math.cos(2 * Math.PI * random.nextFloat());
}

/** Fills `target` with independent standard normal draws and returns it. */
export function fillNormal<T extends Float32Array | Float64Array>(random: Random, target: T): T {
  for (let i = 0; i < target.length; i += 1) target[i] = normal(random);
  return target;
}

/** Fills `target` with independent uniform draws in [low, high) and returns it. */
export function fillUniform<T extends Float32Array | Float64Array>(
  random: Random,
  target: T,
  low = 0,
  high = 1,
): T {
  for (let i = 0; i < target.length; i += 1) target[i] = uniform(random, low, high);
  return target;
}

/** A new array with the elements of `items` in a uniformly random order (Fisher–Yates). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = uniformInt(random, i + 1);
    const swap = result[i]!;
    result[i] = result[j]!;
    result[j] = swap;
  }
  return result;
}

/** A uniformly random permutation of 0..n−1. */
export function permutation(random: Random, n: number): Int32Array {
  const result = new Int32Array(n);
  for (let i = 0; i < n; i += 1) result[i] = i;
  for (let i = n - 1; i > 0; i -= 1) {
    const j = uniformInt(random, i + 1);
    const swap = result[i]!;
    result[i] = result[j]!;
    result[j] = swap;
  }
  return result;
}

/** `count` distinct indices from 0..n−1, uniformly at random, in draw order. */
export function sampleWithoutReplacement(random: Random, n: number, count: number): Int32Array {
  if (count > n) throw new RangeError(`Cannot sample ${count} distinct items out of ${n}`);
  return permutation(random, n).subarray(0, count);
}

/** An index drawn with probability proportional to `weights` (non-negative, not all zero). */
export function weightedIndex(random: Random, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) total += weights[i]!;
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError('weightedIndex needs finite non-negative weights with a positive sum');
  }
  const target = random.nextFloat() * total;
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i += 1) {
    if (weights[i]! > 0) {
      cumulative += weights[i]!;
      last = i;
      if (target < cumulative) return i;
    }
  }
  // Rounding can leave target ≥ the final cumulative sum; the last positive weight takes it.
  return last;
}
