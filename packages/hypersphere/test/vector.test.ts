import { dot, matrix, matrixFromRows, matrixRow, norm, normalize } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dimension, euclideanNorm, gaussianVector } from './arbitraries.js';

describe('dot and norm', () => {
  it('dot is the sum of products and norm² = a·a', () => {
    expect(dot([1, 2, 3], [4, -5, 6])).toBe(4 - 10 + 18);
    fc.assert(
      fc.property(dimension, fc.integer(), (dim, seed) => {
        const a = gaussianVector(createRandom(seed), dim);
        expect(norm(a) ** 2).toBeCloseTo(dot(a, a), 10);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects vectors of different dimensions', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow(RangeError);
  });

  it('stays accurate where the squares would underflow or overflow', () => {
    expect(norm([3e-200, 4e-200])).toBeCloseTo(5e-200, 210);
    expect(norm([3e200, 4e200]) / 5e200).toBeCloseTo(1, 14);
    expect(norm([5e-324])).toBe(5e-324);
    expect(norm([0, 0, 0])).toBe(0);
  });
});

describe('normalize', () => {
  it('returns a unit vector in the same direction (1000 runs, dims 2..256)', () => {
    fc.assert(
      fc.property(
        dimension,
        fc.integer(),
        fc.double({ min: -300, max: 300, noNaN: true }),
        (dim, seed, e) => {
          const a = gaussianVector(createRandom(seed), dim).map((value) => value * 10 ** e);
          const unit = normalize(a);
          expect(euclideanNorm(unit)).toBeCloseTo(1, 14);
          // Same direction: â·a = ‖a‖ (compared after rescaling by ‖a‖).
          expect(dot(unit, a) / norm(a)).toBeCloseTo(1, 14);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('maps the zero vector to zeros, never NaN', () => {
    expect(Array.from(normalize([0, 0, 0]))).toEqual([0, 0, 0]);
    expect(Array.from(normalize([-0, 0]))).toEqual([0, 0]);
  });

  it('does not modify its argument', () => {
    const a = [3, 4];
    normalize(a);
    expect(a).toEqual([3, 4]);
  });
});

describe('matrix helpers', () => {
  it('keeps typed arrays without copying and copies plain arrays', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const m = matrix(2, 3, data);
    expect(m.data).toBe(data);
    const row = matrixRow(m, 1);
    row[0] = 40;
    expect(data[3]).toBe(40);
    const plain = [1, 2, 3, 4];
    const copied = matrix(2, 2, plain);
    expect(copied.data).toBeInstanceOf(Float64Array);
    plain[0] = 10;
    expect(copied.data[0]).toBe(1);
    expect(Array.from(matrix(2, 2).data)).toEqual([0, 0, 0, 0]);
  });

  it('validates shapes and row indices', () => {
    expect(() => matrix(2, 3, [1, 2, 3])).toThrow(RangeError);
    expect(() => matrix(-1, 3)).toThrow(RangeError);
    expect(() => matrix(1.5, 2)).toThrow(RangeError);
    expect(() => matrixRow(matrix(2, 2), 2)).toThrow(RangeError);
    expect(() => matrixFromRows([[1, 2], [3]])).toThrow(RangeError);
  });

  it('stacks rows in order', () => {
    const m = matrixFromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([m.rows, m.columns]).toEqual([3, 2]);
    expect(Array.from(matrixRow(m, 2))).toEqual([5, 6]);
    expect(matrixFromRows([])).toMatchObject({ rows: 0, columns: 0 });
  });
});
