import {
  createRandom,
  forkRandom,
  normal,
  permutation,
  restoreRandom,
  sampleWithoutReplacement,
  shuffle,
  uniform,
  uniformInt,
  weightedIndex,
} from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('createRandom', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        const draws = (seed: number) => {
          const random = createRandom(seed);
          return Array.from({ length: 8 }, () => random.nextUint32());
        };
        expect(draws(a)).toEqual(draws(a));
        if (a !== b) expect(draws(a)).not.toEqual(draws(b));
      }),
    );
  });

  it('accepts string seeds and rejects non-finite ones', () => {
    expect(createRandom('halp').nextUint32()).toBe(createRandom('halp').nextUint32());
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });

  it('produces floats in [0, 1) with a mean near 1/2', () => {
    const random = createRandom(7);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i += 1) {
      const x = random.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Standard error of the mean is 1/sqrt(12 n) ≈ 0.0009; 6 sigma.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.0055);
  });

  it('resumes exactly from a saved state', () => {
    const random = createRandom(42);
    for (let i = 0; i < 10; i += 1) random.nextUint32();
    const saved = random.state();
    const expected = Array.from({ length: 5 }, () => random.nextFloat());
    const restored = restoreRandom(saved);
    expect(Array.from({ length: 5 }, () => restored.nextFloat())).toEqual(expected);
  });

  it('forks deterministically without advancing the parent', () => {
    const parent = createRandom(3);
    const before = parent.state();
    const childA = forkRandom(parent, 'augment').nextUint32();
    expect(parent.state()).toEqual(before);
    expect(forkRandom(parent, 'augment').nextUint32()).toBe(childA);
    expect(forkRandom(parent, 'init').nextUint32()).not.toBe(childA);
  });
});

describe('draws', () => {
  it('uniformInt stays in range and covers every value', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const k = uniformInt(random, 7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(7);
    expect(() => uniformInt(random, 0)).toThrow(RangeError);
  });

  it('uniform respects its bounds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (seed, low, width) => {
          const x = uniform(createRandom(seed), low, low + width);
          expect(x).toBeGreaterThanOrEqual(low);
          expect(x).toBeLessThanOrEqual(low + width);
        },
      ),
    );
  });

  it('normal has mean 0 and variance 1', () => {
    const random = createRandom(11);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i += 1) {
      const x = normal(random);
      sum += x;
      sumSquares += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.03);
  });

  it('shuffle and permutation are permutations', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer(), { maxLength: 50 }), (seed, items) => {
        const shuffled = shuffle(createRandom(seed), items);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        const p = Array.from(permutation(createRandom(seed), items.length));
        expect(p.sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
      }),
    );
  });

  it('sampleWithoutReplacement gives distinct indices and rejects impossible requests', () => {
    const sample = Array.from(sampleWithoutReplacement(createRandom(5), 10, 6));
    expect(new Set(sample).size).toBe(6);
    expect(() => sampleWithoutReplacement(createRandom(5), 3, 4)).toThrow(RangeError);
  });

  it('weightedIndex never picks a zero weight and follows the weights', () => {
    const random = createRandom(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) counts[weightedIndex(random, [1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    expect(() => weightedIndex(random, [0, 0])).toThrow(RangeError);
  });
});
