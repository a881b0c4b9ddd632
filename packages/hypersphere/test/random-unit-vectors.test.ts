import { matrixRow, randomUnitVectors } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import { describe, expect, it } from 'vitest';
import { euclideanNorm } from './arbitraries.js';

describe('randomUnitVectors', () => {
  it('draws unit rows reproducibly from the generator', () => {
    const m = randomUnitVectors(50, 7, createRandom(3));
    expect([m.rows, m.columns]).toEqual([50, 7]);
    for (let i = 0; i < m.rows; i += 1) expect(euclideanNorm(matrixRow(m, i))).toBeCloseTo(1, 14);
    expect(randomUnitVectors(50, 7, createRandom(3)).data).toEqual(m.data);
    expect(randomUnitVectors(50, 7, createRandom(4)).data).not.toEqual(m.data);
  });

  it('is uniform on the sphere: zero mean and E[xᵢxⱼ] = δᵢⱼ/dim', () => {
    const n = 20_000;
    const dim = 4;
    const m = randomUnitVectors(n, dim, createRandom(11));
    const mean = new Float64Array(dim);
    const second = new Float64Array(dim * dim);
    for (let r = 0; r < n; r += 1) {
      const row = matrixRow(m, r);
      for (let i = 0; i < dim; i += 1) {
        mean[i] = mean[i]! + row[i]! / n;
        for (let j = 0; j < dim; j += 1) second[i * dim + j] = second[i * dim + j]! + (row[i]! * row[j]!) / n;
      }
    }
    // Standard errors: ~1/√(n·dim) = 0.0035 for the mean, smaller for the second moments.
    for (const value of mean) expect(Math.abs(value)).toBeLessThan(0.02);
    for (let i = 0; i < dim; i += 1) {
      for (let j = 0; j < dim; j += 1) {
        expect(Math.abs(second[i * dim + j]! - (i === j ? 1 / dim : 0))).toBeLessThan(0.01);
      }
    }
  });

  it('handles the edge shapes and rejects invalid ones', () => {
    expect(randomUnitVectors(0, 3, createRandom(1)).data.length).toBe(0);
    const signs = randomUnitVectors(10, 1, createRandom(1)).data;
    for (const value of signs) expect(Math.abs(value)).toBe(1);
    expect(() => randomUnitVectors(2, 0, createRandom(1))).toThrow(RangeError);
    expect(() => randomUnitVectors(-1, 3, createRandom(1))).toThrow(RangeError);
  });
});
