import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancedSubset, inMemoryDataset, randomSubset, subsetDataset } from '../src/dataset/index.js';
import { tinyDataset } from './dataset-support.js';

const labelsArbitrary = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 400 });

function countsOf(labels: ArrayLike<number>, indices: ArrayLike<number> = Array.from(labels, (_, i) => i)) {
  const counts = new Map<number, number>();
  for (let i = 0; i < indices.length; i += 1) {
    const label = labels[indices[i]!]!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

describe('balancedSubset', () => {
  it('keeps max(1, round(fraction · n_c)) distinct samples of every class', () => {
    fc.assert(
      fc.property(
        labelsArbitrary,
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.integer(),
        (labels, fraction, seed) => {
          const subset = balancedSubset(labels, fraction, createRandom(seed));
          expect(new Set(subset).size).toBe(subset.length);
          const chosen = countsOf(labels, subset);
          for (const [label, n] of countsOf(labels)) {
            expect(chosen.get(label)).toBe(Math.min(n, Math.max(1, Math.round(fraction * n))));
          }
          expect(Array.from(subset)).toEqual(Array.from(subset).sort((a, b) => a - b));
        },
      ),
    );
  });

  it('is seeded: same seed same subset, another seed usually another', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => i % 10);
    expect(balancedSubset(labels, 0.1, createRandom(1))).toEqual(
      balancedSubset(labels, 0.1, createRandom(1)),
    );
    expect(balancedSubset(labels, 0.1, createRandom(1))).not.toEqual(
      balancedSubset(labels, 0.1, createRandom(2)),
    );
  });

  it('rejects fractions outside (0, 1]', () => {
    for (const fraction of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => balancedSubset([0, 1], fraction, createRandom(1))).toThrow(RangeError);
    }
  });
});

describe('randomSubset', () => {
  it('draws ⌊fraction · N⌋ distinct indices like the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.integer(),
        (n, fraction, seed) => {
          const subset = randomSubset(n, fraction, createRandom(seed));
          expect(subset.length).toBe(Math.floor(fraction * n));
          expect(new Set(subset).size).toBe(subset.length);
          for (const index of subset) expect(index).toBeLessThan(n);
        },
      ),
    );
  });
});

describe('subsetDataset and inMemoryDataset', () => {
  it('reads the samples at the given indices', () => {
    const dataset = tinyDataset(10);
    const subset = subsetDataset(dataset, [7, 2]);
    expect(subset.length).toBe(2);
    expect(subset.clip(0).data[0]).toBe(7);
    expect(subset.name(1)).toBe('sample2');
    expect(subset.label(0)).toBe(dataset.label(7));
    expect(subset.validFrames(1)).toBe(dataset.validFrames(2));
    expect(() => subset.clip(2)).toThrow(RangeError);
    expect(() => subsetDataset(dataset, [10])).toThrow(RangeError);
  });

  it('checks array sizes and indices', () => {
    const dataset = tinyDataset(3);
    expect(dataset.clip(2).data.length).toBe(24);
    expect(() => dataset.clip(3)).toThrow(RangeError);
    expect(() => dataset.label(-1)).toThrow(RangeError);
    expect(() =>
      inMemoryDataset({
        data: new Float32Array(10),
        shape: { count: 1, channels: 3, frames: 1, joints: 1, bodies: 1 },
        validFrames: [1],
        labels: [0],
        names: ['a'],
      }),
    ).toThrow(RangeError);
    expect(() =>
      inMemoryDataset({
        data: new Float32Array(3),
        shape: { count: 1, channels: 3, frames: 1, joints: 1, bodies: 1 },
        validFrames: [1],
        labels: [0, 1],
        names: ['a'],
      }),
    ).toThrow(RangeError);
  });
});
