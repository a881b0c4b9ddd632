import { type Matrix, matrix, matrixFromRows } from '@halp/hypersphere';
import { createRandom, fillNormal, normal } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { principalComponents2 } from '../src/report/index.js';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

const gaussianRows = (seed: number, rows: number, columns: number): Matrix =>
  matrix(rows, columns, fillNormal(createRandom(seed), new Float64Array(rows * columns)));

describe('principalComponents2', () => {
  it('solves a hand-built case: a cross stretched along x, shifted away from the origin', () => {
    // Centred points (±2, 0) and (0, ±1): variances 8/4 = 2 along x and 2/4 = 0.5 along y.
    const rows = matrixFromRows([
      [3, 7],
      [7, 7],
      [5, 6],
      [5, 8],
    ]);
    const { x, y, components, explained } = principalComponents2(rows, createRandom(1));
    expect(explained[0]).toBeCloseTo(0.8, 10);
    expect(explained[1]).toBeCloseTo(0.2, 10);
    expect(Array.from(x, Math.abs)).toEqual([2, 2, 0, 0].map((v) => expect.closeTo(v, 8)));
    expect(Array.from(y, Math.abs)).toEqual([0, 0, 1, 1].map((v) => expect.closeTo(v, 8)));
    expect(Math.abs(components[0][0]!)).toBeCloseTo(1, 8);
    expect(Math.abs(components[1][1]!)).toBeCloseTo(1, 8);
  });

  it('recovers the axis along which the data is stretched', () => {
    const random = createRandom(7);
    const axis = [1, 2, 0, -1, 0, 3].map((v) => v / Math.sqrt(15));
    const centre = [4, -2, 1, 0, 3, 5];
    const rows = Array.from({ length: 60 }, () => {
      const along = normal(random, 0, 10);
      return centre.map((c, j) => c + along * axis[j]! + normal(random, 0, 0.1));
    });
    const { components, explained, x } = principalComponents2(matrixFromRows(rows), createRandom(1));
    expect(Math.abs(dot(components[0], axis))).toBeGreaterThan(0.9999);
    expect(explained[0]).toBeGreaterThan(0.99);
    // The first coordinate is the offset along the axis: it matches (row − mean)·axis up to sign.
    const mean = centre.map((_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
    const offsets = rows.map((row) =>
      dot(
        row.map((v, j) => v - mean[j]!),
        axis,
      ),
    );
    const sign = Math.sign(dot(x, offsets));
    expect(Array.from(x, (value) => sign * value)).toEqual(
      offsets.map((offset) => expect.closeTo(offset, 1)),
    );
  });

  it('matches the closed-form eigenvalues of a 2×2 covariance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer(), (n, seed) => {
        const rows = gaussianRows(seed, n, 2);
        const data = rows.data;
        const mean = [0, 1].map(
          (j) => Array.from({ length: n }, (_, i) => data[2 * i + j]!).reduce((s, v) => s + v) / n,
        );
        let [a, b, c] = [0, 0, 0];
        for (let i = 0; i < n; i += 1) {
          const u = data[2 * i]! - mean[0]!;
          const v = data[2 * i + 1]! - mean[1]!;
          [a, b, c] = [a + u * u, b + u * v, c + v * v];
        }
        const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
        const [large, small] = [(a + c) / 2 + root, (a + c) / 2 - root];
        const { explained } = principalComponents2(rows, createRandom(seed));
        expect(explained[0]).toBeCloseTo(large / (a + c), 6);
        expect(explained[1]).toBeCloseTo(small / (a + c), 6);
      }),
      { numRuns: 100 },
    );
  });

  it('gives ordered variances and orthonormal components with uncorrelated coordinates, also for N < D', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer(),
        (n, d, seed) => {
          const { x, y, components, explained } = principalComponents2(
            gaussianRows(seed, n, d),
            createRandom(seed),
          );
          expect(explained[0]).toBeGreaterThanOrEqual(explained[1] - 1e-9);
          expect(explained[1]).toBeGreaterThanOrEqual(0);
          expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-9);
          expect(dot(components[0], components[0])).toBeCloseTo(1, 8);
          expect(dot(components[0], components[1])).toBeCloseTo(0, 6);
          expect(dot(x, y) / n).toBeCloseTo(0, 6);
          // The coordinates' variances are the explained shares of the total variance.
          const variance = (v: Float64Array) => dot(v, v) / n;
          expect(variance(x) / (variance(x) + variance(y) || 1)).toBeCloseTo(
            explained[0] / (explained[0] + explained[1] || 1),
            6,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is deterministic, and the fixed sign convention makes it independent of the start vector', () => {
    const rows = gaussianRows(3, 20, 8);
    const once = principalComponents2(rows, createRandom(5));
    expect(principalComponents2(rows, createRandom(5))).toEqual(once);
    const other = principalComponents2(rows, createRandom(99));
    expect(Array.from(other.x)).toEqual(Array.from(once.x, (value) => expect.closeTo(value, 5)));
    expect(Array.from(other.y)).toEqual(Array.from(once.y, (value) => expect.closeTo(value, 5)));
  });

  it('gives zeros, not NaN, for degenerate input', () => {
    const equalRows = matrixFromRows(Array.from({ length: 3 }, () => [0.3, -7, 1e6]));
    const collinear = matrixFromRows([
      [0, 0, 0],
      [1, 2, 3],
      [2, 4, 6],
      [-1, -2, -3],
    ]);
    const oneColumn = matrixFromRows([[1], [2], [4]]);
    for (const rows of [
      equalRows,
      collinear,
      oneColumn,
      matrix(0, 3),
      matrix(4, 0),
      matrix(1, 5, [1, 2, 3, 4, 5]),
    ]) {
      const { x, y, components, explained } = principalComponents2(rows, createRandom(1));
      for (const values of [x, y, ...components, explained]) {
        for (const value of values) expect(Number.isFinite(value)).toBe(true);
      }
      expect(Array.from(y)).toEqual(Array.from({ length: rows.rows }, () => 0));
      expect(explained[1]).toBe(0);
    }
    const flat = principalComponents2(equalRows);
    expect(Array.from(flat.x)).toEqual([0, 0, 0]);
    expect(flat.explained).toEqual([0, 0]);
    expect(principalComponents2(collinear).explained[0]).toBeCloseTo(1, 10);
  });

  it('does not overflow for huge features', () => {
    const huge = matrixFromRows([
      [1e200, 0],
      [-1e200, 0],
      [0, 1e199],
      [0, -1e199],
    ]);
    const { x, explained } = principalComponents2(huge);
    expect(explained[0]).toBeCloseTo(100 / 101, 10);
    expect(explained[1]).toBeCloseTo(1 / 101, 10);
    expect(Math.abs(x[0]!) / 1e200).toBeCloseTo(1, 10);
  });

  it('names a non-finite entry instead of spreading it', () => {
    expect(() =>
      principalComponents2(
        matrixFromRows([
          [1, 2],
          [3, Number.NaN],
        ]),
      ),
    ).toThrow(/\(1, 1\)/);
  });
});
