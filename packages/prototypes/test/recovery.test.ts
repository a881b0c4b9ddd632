import { frechetMean, matrixRow, normalize } from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterRows, objectiveOf, samePartition, separatedClusters } from './helpers.js';

function expectCloseVectors(actual: ArrayLike<number>, expected: ArrayLike<number>, digits: number): void {
  expect(actual).toHaveLength(expected.length);
  for (let t = 0; t < expected.length; t += 1) expect(actual[t]).toBeCloseTo(expected[t]!, digits);
}

describe('sphericalKMeans on well-separated clusters', () => {
  it('recovers the true clusters with k-means++ seeding', () => {
    // Lloyd's iteration cannot leave a seeding with two centroids in one true cluster. With points
    // ~4e-5 rad from their centre and centres ~1 rad apart, k-means++ picks such a second point
    // with probability ~1e-8 per draw (D² weights), so this property cannot fail by bad luck.
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom('frechet' as const, 'normalized-mean' as const),
        (seed, centroid) => {
          const { labels, points } = separatedClusters(seed, 5, 8, 16, 1e-5);
          const result = sphericalKMeans(points, 5, { seed, centroid });
          expect(samePartition(result.assignments, labels)).toBe(true);
          expect(result.converged).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('normalized-mean centroids are the normalised sums of their clusters', () => {
    const { points } = separatedClusters(11, 4, 10, 8, 0.05);
    const result = sphericalKMeans(points, 4, { seed: 11, centroid: 'normalized-mean' });
    for (let j = 0; j < 4; j += 1) {
      const members = clusterRows(
        points.map((point) => Array.from(normalize(point))),
        result.assignments,
        j,
      );
      const sum = new Float64Array(members.columns);
      for (let i = 0; i < members.data.length; i += 1) sum[i % members.columns]! += members.data[i]!;
      expectCloseVectors(matrixRow(result.centroids, j), normalize(sum), 12);
    }
  });

  it('Fréchet centroids are the Fréchet means of their clusters (to the solver tolerance)', () => {
    const { points } = separatedClusters(12, 4, 10, 8, 0.05);
    const result = sphericalKMeans(points, 4, { seed: 12, centroid: 'frechet' });
    for (let j = 0; j < 4; j += 1) {
      const expected = frechetMean(clusterRows(points, result.assignments, j));
      expectCloseVectors(matrixRow(result.centroids, j), expected, 4);
    }
  });

  it('handles the HaLP workload (256 keys of dimension 128 into 20 prototypes) with both rules', () => {
    const { points } = separatedClusters(2023, 20, 13, 128, 0.08);
    const keys = points.slice(0, 256);
    for (const centroid of ['frechet', 'normalized-mean'] as const) {
      const result = sphericalKMeans(keys, 20, { seed: 7, centroid });
      expect(result.converged).toBe(true);
      expect(result.objective).toBeCloseTo(objectiveOf(keys, result, centroid), 9);
      expect(new Set(result.assignments).size).toBe(20);
    }
  });
});
