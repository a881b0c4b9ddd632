import { dot, type Matrix, matrixFromRows, matrixRow, normalize } from '@halp/hypersphere';
import type { CentroidRuleName, SphericalKMeansResult } from '@halp/prototypes';
import { createRandom, normal, uniformInt } from '@halp/random';
import fc from 'fast-check';

/**
 * Small point sets that stress the degenerate cases: integer coordinates in [−2, 2] give exact
 * duplicates, antipodal pairs and ties; continuous coordinates give generic positions.
 */
export const pointSets = (maxPoints = 24): fc.Arbitrary<number[][]> =>
  fc.integer({ min: 1, max: 6 }).chain((d) => {
    const integerRow = fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d });
    // No subnormals: rescaling or rounding them to float32 would turn a row into zeros.
    const coordinate = fc.double({ min: -1, max: 1, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));
    const continuousRow = fc.array(coordinate, { minLength: d, maxLength: d });
    const row = fc.oneof(integerRow, continuousRow).filter((values) => values.some((value) => value !== 0));
    return fc.array(row, { minLength: 1, maxLength: maxPoints });
  });

/** A point set with a valid k ∈ [1, n]. */
export const clusteringProblems = (maxPoints = 24) =>
  pointSets(maxPoints).chain((points) =>
    fc.record({
      points: fc.constant(points),
      k: fc.integer({ min: 1, max: points.length }),
      seed: fc.integer(),
      centroid: fc.constantFrom<CentroidRuleName>('frechet', 'normalized-mean'),
      init: fc.constantFrom('kmeans++' as const, 'random' as const),
    }),
  );

/** Cost of one point under a centroid rule, written out here independently of the package. */
export function pointCost(rule: CentroidRuleName, cosine: number): number {
  const clamped = Math.min(1, Math.max(-1, cosine));
  return rule === 'frechet' ? Math.acos(clamped) ** 2 : 1 - clamped;
}

/** The objective of an assignment, recomputed from the returned centroids. */
export function objectiveOf(
  points: readonly number[][],
  result: SphericalKMeansResult,
  rule: CentroidRuleName,
): number {
  return points.reduce(
    (sum, point, i) =>
      sum + pointCost(rule, dot(normalize(point), matrixRow(result.centroids, result.assignments[i]!))),
    0,
  );
}

/** Cosines of one point to every centroid. */
export function similaritiesToCentroids(point: readonly number[], centroids: Matrix): number[] {
  const unit = normalize(point);
  return Array.from({ length: centroids.rows }, (_, j) => dot(unit, matrixRow(centroids, j)));
}

/** Well-separated clusters: `count` random unit centres in dimension d, points within ~noise·√d rad. */
export function separatedClusters(seed: number, count: number, perCluster: number, d: number, noise: number) {
  const random = createRandom(seed);
  const centres = Array.from({ length: count }, () =>
    normalize(Array.from({ length: d }, () => normal(random))),
  );
  const labels: number[] = [];
  const points: number[][] = [];
  for (let c = 0; c < count; c += 1) {
    for (let m = 0; m < perCluster; m += 1) {
      labels.push(c);
      points.push(Array.from(centres[c]!, (value) => value + noise * normal(random)));
    }
  }
  // Shuffle the order so that clusters are not contiguous runs of rows.
  for (let i = points.length - 1; i > 0; i -= 1) {
    const j = uniformInt(random, i + 1);
    [points[i], points[j]] = [points[j]!, points[i]!];
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return { centres, labels, points };
}

/** Whether two labelings describe the same partition of the points (up to renaming the labels). */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i += 1) {
    if ((forward.get(a[i]!) ?? b[i]) !== b[i] || (backward.get(b[i]!) ?? a[i]) !== a[i]) return false;
    forward.set(a[i]!, b[i]!);
    backward.set(b[i]!, a[i]!);
  }
  return true;
}

/** The members of cluster j as a matrix of rows. */
export function clusterRows(points: readonly number[][], assignments: Int32Array, j: number): Matrix {
  return matrixFromRows(points.filter((_, i) => assignments[i] === j));
}
