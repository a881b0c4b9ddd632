import { geodesicAngle, type Matrix, matrix, type Vector } from '@halp/hypersphere';
import { BoundedAssignment } from './bounded-assignment.js';
import { type CentroidRule, centroidRuleFor } from './centroid-rules.js';
import { ClusterMembers } from './cluster-members.js';
import { canReseedEmptyCluster, reseedEmptyClusters } from './empty-clusters.js';
import { resolveOptions, type SphericalKMeansOptions } from './options.js';
import { seedCentroids } from './seeding.js';
import { unitRows } from './unit-rows.js';

/** The outcome of {@link sphericalKMeans}. */
export interface SphericalKMeansResult {
  /**
   * k × d, unit rows (float64). Two rows coincide only when the points have fewer than k distinct
   * directions, or when `maxIterations` stopped the run before an empty cluster was re-seeded.
   */
  readonly centroids: Matrix;
  /** Cluster of every point: its most similar centroid, lowest index on ties. */
  readonly assignments: Int32Array;
  /** Number of update steps taken (0 ≤ iterations ≤ maxIterations). */
  readonly iterations: number;
  /** Whether the centroids moved less than `tolerance` in the last step (false: maxIterations hit). */
  readonly converged: boolean;
  /** Final objective J (see {@link sphericalKMeans}); equals the last entry of `objectiveHistory`. */
  readonly objective: number;
  /** J after the seeding's assignment, then after every update step: iterations + 1 entries. */
  readonly objectiveHistory: Float64Array;
}

/**
 * Spherical k-means: clusters the directions of `points` (n rows of dimension d) into `k` unit
 * centroids by Lloyd's iteration on the sphere, the prototype discovery of HaLP (docs/method.md §2: the
 * newest 256 keys into 20 prototypes, k-means++ seeding, tolerance 1e-3).
 *
 * Objective, by `options.centroid` (each centroid step minimises its own objective):
 * - `'frechet'` (default, the reference's Riemannian k-means): J = Σᵢ arccos(xᵢ·c_{a(i)})², the sum of
 *   squared geodesic distances; centroids are Fréchet means warm-started at the previous centroid.
 * - `'normalized-mean'`: J = Σᵢ (1 − xᵢ·c_{a(i)}); centroids are Σx / ‖Σx‖.
 *
 * Iteration: seed (k-means++ or uniform), assign every point to its most similar centroid, then
 * repeat { re-seed empty clusters; update centroids; reassign } until the mean geodesic distance
 * the centroids moved is below `tolerance` (and no empty cluster can be re-seeded) or
 * `maxIterations` steps were taken. The assignments returned always belong to the centroids
 * returned. Reassignment skips the centroids that provably cannot have become a point's nearest
 * ({@link BoundedAssignment}); the result is the same as comparing every point with every centroid.
 *
 * Guarantees: J never increases from one step to the next (up to rounding); centroids are unit and finite; the result
 * is a deterministic function of the points, k, the options and the state of the generator.
 * Rows that are not unit norm are normalised first (a zero row is an error).
 *
 * Degenerate inputs: an empty cluster is re-seeded with the point farthest from its centroid; with
 * fewer than k distinct directions (duplicates, k = n with repeated rows) the surplus centroids
 * duplicate points and their clusters stay empty; they are never NaN.
 *
 * @throws RangeError when `k` is not an integer in [1, n], the points are empty, ragged, non-finite
 *   or contain a zero row, or an option is invalid.
 */
export function sphericalKMeans(
  points: Matrix | readonly Vector[],
  k: number,
  options: SphericalKMeansOptions,
): SphericalKMeansResult {
  const { random, tolerance, maxIterations, init, centroid } = resolveOptions(options);
  const units = unitRows(points);
  const { rows: n, columns: d, data } = units;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(
      `sphericalKMeans: k must be an integer in [1, ${n}] (the number of points), got ${k}`,
    );
  }
  const rule = centroidRuleFor(centroid, d, tolerance);

  const centroidData = new Float64Array(k * d);
  const centroids = matrix(k, d, centroidData);
  const seeding = seedCentroids(units, k, init, rule, random);
  seeding.indices.forEach((point, cluster) => {
    centroidData.set(data.subarray(point * d, (point + 1) * d), cluster * d);
  });

  const assignment = new BoundedAssignment(units, k, seeding.similarities);
  const { assignments, similarities } = assignment;
  const members = new ClusterMembers(k, n);
  const previous = new Float64Array(k * d);
  const shifts = new Float64Array(k);

  members.regroup(assignments);
  const objectiveHistory = [objectiveOf(rule, similarities)];
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    previous.set(centroidData);
    reseedEmptyClusters(data, centroidData, d, members, similarities);
    for (let cluster = 0; cluster < k; cluster += 1) {
      if (members.size(cluster) > 0) rule.updateCentroid(units, members.of(cluster), centroidData, cluster);
    }
    centroidShifts(previous, centroidData, d, shifts);
    assignment.reassign(centroidData, shifts);
    members.regroup(assignments);
    objectiveHistory.push(objectiveOf(rule, similarities));
    iterations += 1;
    converged = meanOf(shifts) < tolerance && !canReseedEmptyCluster(members, similarities);
  }
  return {
    centroids,
    assignments,
    iterations,
    converged,
    objective: objectiveHistory[iterations]!,
    objectiveHistory: Float64Array.from(objectiveHistory),
  };
}

/** J = Σᵢ cost(xᵢ · c_{a(i)}), from every point's cosine to its own centroid. */
function objectiveOf(rule: CentroidRule, similarities: Float64Array): number {
  let objective = 0;
  for (let i = 0; i < similarities.length; i += 1) objective += rule.pointCost(similarities[i]!);
  return objective;
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < values.length; j += 1) sum += values[j]!;
  return sum / values.length;
}

/** Geodesic distance each centroid moved; their mean is the reference's convergence measure. */
function centroidShifts(before: Float64Array, after: Float64Array, d: number, shifts: Float64Array): void {
  for (let j = 0; j < shifts.length; j += 1) {
    const rowBefore = before.subarray(j * d, (j + 1) * d);
    const rowAfter = after.subarray(j * d, (j + 1) * d);
    // Near convergence most centroids come out of the update unchanged; they moved by exactly 0.
    shifts[j] = rowAfter.every((value, t) => value === rowBefore[t]) ? 0 : geodesicAngle(rowBefore, rowAfter);
  }
}
