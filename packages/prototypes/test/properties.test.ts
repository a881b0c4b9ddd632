import { matrixFromRows, matrixRow, norm } from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusteringProblems, objectiveOf, separatedClusters, similaritiesToCentroids } from './helpers.js';

// k-means is not free: 150 runs per property on ≤ 24 points of dimension ≤ 6.
const runs = { numRuns: 150 };

describe('sphericalKMeans properties', () => {
  it('returns k finite unit centroids and one in-range assignment per point', () => {
    fc.assert(
      fc.property(clusteringProblems(), ({ points, k, seed, centroid, init }) => {
        const result = sphericalKMeans(points, k, { seed, centroid, init });
        expect(result.centroids.rows).toBe(k);
        expect(result.centroids.columns).toBe(points[0]!.length);
        for (let j = 0; j < k; j += 1) {
          const row = matrixRow(result.centroids, j);
          expect(row.every(Number.isFinite)).toBe(true);
          expect(Math.abs(norm(row) - 1)).toBeLessThan(1e-12);
        }
        expect(result.assignments).toHaveLength(points.length);
        expect(result.assignments.every((a) => a >= 0 && a < k)).toBe(true);
      }),
      runs,
    );
  });

  it('assigns every point to its most similar centroid', () => {
    fc.assert(
      fc.property(clusteringProblems(), ({ points, k, seed, centroid, init }) => {
        const result = sphericalKMeans(points, k, { seed, centroid, init });
        points.forEach((point, i) => {
          const similarities = similaritiesToCentroids(point, result.centroids);
          const own = similarities[result.assignments[i]!]!;
          expect(Math.max(...similarities)).toBeLessThanOrEqual(own + 1e-12);
        });
      }),
      runs,
    );
  });

  it('assigns every point to its most similar centroid on overlapping clusters, where points switch', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom('frechet' as const, 'normalized-mean' as const),
        (seed, centroid) => {
          const { points } = separatedClusters(seed, 6, 10, 8, 0.4);
          const result = sphericalKMeans(points, 6, { seed, centroid });
          points.forEach((point, i) => {
            const similarities = similaritiesToCentroids(point, result.centroids);
            expect(Math.max(...similarities)).toBeLessThanOrEqual(
              similarities[result.assignments[i]!]! + 1e-12,
            );
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never increases the objective, and reports the objective of its result', () => {
    fc.assert(
      fc.property(clusteringProblems(), ({ points, k, seed, centroid, init }) => {
        const result = sphericalKMeans(points, k, { seed, centroid, init });
        const history = result.objectiveHistory;
        expect(history).toHaveLength(result.iterations + 1);
        for (let t = 1; t < history.length; t += 1) {
          expect(history[t]!).toBeLessThanOrEqual(history[t - 1]! + 1e-12 * Math.max(1, history[t - 1]!));
        }
        expect(result.objective).toBe(history[result.iterations]);
        expect(result.objective).toBeGreaterThanOrEqual(0);
        expect(result.objective).toBeCloseTo(objectiveOf(points, result, centroid), 9);
      }),
      runs,
    );
  });

  it('is deterministic: the same seed, or a generator in the same state, gives the same result', () => {
    fc.assert(
      fc.property(clusteringProblems(), ({ points, k, seed, centroid, init }) => {
        const first = sphericalKMeans(points, k, { seed, centroid, init });
        expect(sphericalKMeans(points, k, { seed, centroid, init })).toEqual(first);
        expect(sphericalKMeans(points, k, { random: createRandom(seed), centroid, init })).toEqual(first);
      }),
      runs,
    );
  });

  it('sees directions only: rescaling rows by powers of two changes nothing', () => {
    fc.assert(
      fc.property(
        clusteringProblems(),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 24, maxLength: 24 }),
        ({ points, k, seed, centroid, init }, exponents) => {
          const scaled = points.map((point, i) => point.map((value) => value * 2 ** exponents[i]!));
          expect(sphericalKMeans(scaled, k, { seed, centroid, init })).toEqual(
            sphericalKMeans(points, k, { seed, centroid, init }),
          );
        },
      ),
      runs,
    );
  });

  it('stops within maxIterations, and only stops early when converged', () => {
    fc.assert(
      fc.property(
        clusteringProblems(),
        fc.integer({ min: 0, max: 4 }),
        ({ points, k, seed, centroid }, cap) => {
          const result = sphericalKMeans(points, k, { seed, centroid, maxIterations: cap });
          expect(result.iterations).toBeLessThanOrEqual(cap);
          if (!result.converged) expect(result.iterations).toBe(cap);
        },
      ),
      runs,
    );
  });

  it('accepts a Matrix of float32 rows like the equal float64 rows', () => {
    fc.assert(
      fc.property(clusteringProblems(), ({ points, k, seed, centroid }) => {
        const asFloat64 = matrixFromRows(points);
        const asFloat32 = { ...asFloat64, data: Float32Array.from(asFloat64.data) };
        const roundedRows = points.map((point) => Array.from(Float32Array.from(point)));
        expect(sphericalKMeans(asFloat32, k, { seed, centroid })).toEqual(
          sphericalKMeans(roundedRows, k, { seed, centroid }),
        );
      }),
      runs,
    );
  });
});
