import { dot, matrixRow, normalize } from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const rules = ['frechet', 'normalized-mean'] as const;

/** Rows of the result's centroids as plain arrays. */
const centroidRows = (result: ReturnType<typeof sphericalKMeans>) =>
  Array.from({ length: result.centroids.rows }, (_, j) => Array.from(matrixRow(result.centroids, j)));

describe.each(rules)('sphericalKMeans with %s centroids on degenerate inputs', (centroid) => {
  it('k = n with distinct points: every point becomes its own centroid', () => {
    const points = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 1, 0],
      [0, -1, 1],
    ];
    const result = sphericalKMeans(points, points.length, { seed: 3, centroid });
    expect(new Set(result.assignments).size).toBe(points.length);
    expect(result.objective).toBeLessThan(1e-12);
    points.forEach((point, i) => {
      expect(dot(normalize(point), matrixRow(result.centroids, result.assignments[i]!))).toBeCloseTo(1, 12);
    });
  });

  it('all points equal: every centroid is that point, ties go to centroid 0, no NaN', () => {
    const points = Array.from({ length: 6 }, () => [3, -4]);
    const result = sphericalKMeans(points, 3, { seed: 1, centroid });
    for (const row of centroidRows(result)) {
      expect(row[0]).toBeCloseTo(0.6, 12);
      expect(row[1]).toBeCloseTo(-0.8, 12);
    }
    expect(Array.from(result.assignments)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.objective).toBeLessThan(1e-12);
    expect(result.converged).toBe(true);
  });

  it('k above the number of distinct directions: surplus centroids duplicate points, objective 0', () => {
    const points = [...Array.from({ length: 5 }, () => [1, 0]), ...Array.from({ length: 5 }, () => [0, 2])];
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('kmeans++' as const, 'random' as const), (seed, init) => {
        const result = sphericalKMeans(points, 4, { seed, centroid, init });
        expect(result.objective).toBeLessThan(1e-12);
        expect(result.converged).toBe(true);
        for (const row of centroidRows(result)) {
          const onAPoint = Math.abs(row[0]! - 1) < 1e-12 || Math.abs(row[1]! - 1) < 1e-12;
          expect(onAPoint).toBe(true);
        }
        // Both directions keep a cluster of their own.
        expect(result.assignments[0]).not.toBe(result.assignments[9]);
      }),
      { numRuns: 100 },
    );
  });

  it('re-seeds empty clusters: duplicate initial centroids still end with every direction covered', () => {
    // Random seeding often picks two copies of A; the duplicate's cluster is empty and must be
    // re-seeded with B or C, or one of them would stay merged into another cluster.
    const a = [1, 0, 0];
    const points = [a, a, a, a, a, a, [0, 1, 0], [0, 0, 1]];
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const result = sphericalKMeans(points, 3, { seed, centroid, init: 'random' });
        expect(result.objective).toBeLessThan(1e-12);
        expect(new Set(result.assignments).size).toBe(3);
      }),
      { numRuns: 100 },
    );
  });

  it('antipodal pair in one cluster: finite unit centroid no worse than the seed', () => {
    const points = [
      [1, 0, 0],
      [-1, 0, 0],
    ];
    const result = sphericalKMeans(points, 1, { seed: 5, centroid });
    const row = matrixRow(result.centroids, 0);
    expect(row.every(Number.isFinite)).toBe(true);
    expect(dot(row, row)).toBeCloseTo(1, 12);
    expect(result.objective).toBeLessThanOrEqual(result.objectiveHistory[0]!);
  });

  it('antipodal pairs with k = 2 split into their two directions', () => {
    const points = [
      [0, 2],
      [0, -1],
      [0, 3],
      [0, -5],
    ];
    const result = sphericalKMeans(points, 2, { seed: 9, centroid });
    expect(result.objective).toBeLessThan(1e-12);
    expect(result.assignments[0]).toBe(result.assignments[2]);
    expect(result.assignments[1]).toBe(result.assignments[3]);
    expect(result.assignments[0]).not.toBe(result.assignments[1]);
  });

  it('dimension 1: the two directions ±1', () => {
    const points = [[2], [-1], [0.5], [-3]];
    const one = sphericalKMeans(points, 1, { seed: 2, centroid });
    expect(Math.abs(one.centroids.data[0]!)).toBeCloseTo(1, 12);
    const two = sphericalKMeans(points, 2, { seed: 2, centroid });
    expect(two.objective).toBeLessThan(1e-12);
  });

  it('maxIterations = 0 returns the seeding and its assignment', () => {
    const points = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const result = sphericalKMeans(points, 2, { seed: 4, centroid, maxIterations: 0 });
    expect(result.iterations).toBe(0);
    expect(result.converged).toBe(false);
    expect(result.objectiveHistory).toHaveLength(1);
    // Seeds are data points.
    for (const row of centroidRows(result)) {
      expect(points.some((point) => dot(normalize(point), row) > 1 - 1e-12)).toBe(true);
    }
  });
});

describe('sphericalKMeans argument validation', () => {
  const points = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  it.each([0, 4, 1.5, Number.NaN])('rejects k = %s', (k) => {
    expect(() => sphericalKMeans(points, k, { seed: 1 })).toThrow(/k must be an integer in \[1, 3\]/);
  });

  it('rejects bad points', () => {
    expect(() => sphericalKMeans([], 1, { seed: 1 })).toThrow(/points must be non-empty/);
    expect(() => sphericalKMeans([[1, Number.NaN]], 1, { seed: 1 })).toThrow(/points row 0 has a non-finite/);
    expect(() =>
      sphericalKMeans(
        [
          [1, 0],
          [Number.POSITIVE_INFINITY, 0],
        ],
        1,
        { seed: 1 },
      ),
    ).toThrow(/points row 1 has a non-finite/);
    expect(() =>
      sphericalKMeans(
        [
          [1, 0],
          [0, 0],
        ],
        1,
        { seed: 1 },
      ),
    ).toThrow(/points row 1 is zero/);
    expect(() => sphericalKMeans([[1, 0], [1]], 1, { seed: 1 })).toThrow(
      /points row 1 has length 1, row 0 has 2/,
    );
    const short = { rows: 2, columns: 2, data: new Float64Array(3) };
    expect(() => sphericalKMeans(short, 1, { seed: 1 })).toThrow(/points is 2×2 but has 3 values/);
  });

  it('rejects bad options, naming them', () => {
    expect(() => sphericalKMeans(points, 1, {})).toThrow(/exactly one of options.random and options.seed/);
    expect(() => sphericalKMeans(points, 1, { seed: Number.NaN })).toThrow(RangeError);
    expect(() => sphericalKMeans(points, 1, { seed: 1, tolerance: -1 })).toThrow(/options.tolerance/);
    expect(() => sphericalKMeans(points, 1, { seed: 1, tolerance: Number.NaN })).toThrow(/options.tolerance/);
    expect(() => sphericalKMeans(points, 1, { seed: 1, maxIterations: 2.5 })).toThrow(
      /options.maxIterations/,
    );
    // @ts-expect-error: an unknown seeding method, as untyped callers could pass
    expect(() => sphericalKMeans(points, 1, { seed: 1, init: 'forgy' })).toThrow(/options.init/);
    // @ts-expect-error: an unknown centroid rule
    expect(() => sphericalKMeans(points, 1, { seed: 1, centroid: 'medoid' })).toThrow(/options.centroid/);
  });
});
