import { frechetMean, norm } from '@halp/hypersphere';
import type { CentroidRuleName } from './options.js';
import { rowDot } from './similarity-kernels.js';
import type { UnitRows } from './unit-rows.js';

/**
 * A centroid rule and the k-means objective it minimises. Lloyd's iteration lowers the objective
 * J = Σᵢ cost(xᵢ·c_{a(i)}) only when the centroid step minimises the same per-cluster cost that
 * the assignment step compares, so each rule carries its own cost:
 *
 * - `'frechet'`: cost = Ω², Ω = arccos(x·c) the geodesic distance; the minimiser of Σ Ω² over a
 *   cluster is its Fréchet (Karcher) mean, the centroid of the reference's Riemannian k-means.
 * - `'normalized-mean'`: cost = 1 − x·c = ½‖x − c‖²; the minimiser of Σ (1 − x·c) over unit c is
 *   Σx / ‖Σx‖, the classical spherical k-means of Dhillon & Modha (2001).
 *
 * Both costs decrease as the cosine grows, so assigning each point to its most similar centroid is
 * the optimal assignment step for either.
 */
export interface CentroidRule {
  /** Cost of a point whose cosine similarity to its centroid is `similarity` (≥ 0, finite). */
  pointCost(similarity: number): number;
  /**
   * The centroid step for one non-empty cluster: moves row `cluster` of `centroids` (k unit rows of
   * dimension d) to the rule's centroid of the unit rows `members` of `points`, never raising the
   * cluster's cost Σ cost(x·c).
   */
  updateCentroid(points: UnitRows, members: Int32Array, centroids: Float64Array, cluster: number): void;
}

/** Rounding can push a cosine of unit vectors slightly outside [−1, 1], where arccos is NaN. */
function clampSimilarity(similarity: number): number {
  return Math.min(1, Math.max(-1, similarity));
}

/**
 * The Fréchet means are solved (Karcher iteration, warm-started at the cluster's current centroid)
 * until the Riemannian gradient norm is below this fraction of the k-means tolerance: the solver's
 * error then stays an order of magnitude below the centroid movement that decides convergence,
 * without paying for full double precision in every step.
 */
const FRECHET_TOLERANCE_FRACTION = 0.1;

/**
 * The Fréchet mean replaces the current centroid only if it does not raise the cluster's Σ Ω².
 * Karcher's unit step, warm-started at the current centroid, descended in every trial we ran, but
 * it is not a proven descent method for clusters spread beyond a hemisphere (where the mean is not
 * unique) and the solver stops after a fixed number of steps; the check makes "the objective never
 * increases" unconditional for one extra pass over the members.
 */
function frechetRule(kMeansTolerance: number): CentroidRule {
  const tolerance = FRECHET_TOLERANCE_FRACTION * kMeansTolerance;
  const pointCost = (similarity: number) => Math.acos(clampSimilarity(similarity)) ** 2;
  return {
    pointCost,
    updateCentroid(points, members, centroids, cluster) {
      const d = points.columns;
      const current = centroids.subarray(cluster * d, (cluster + 1) * d);
      const candidate = frechetMean(points, { indices: members, initial: current, tolerance });
      let currentCost = 0;
      let candidateCost = 0;
      for (const member of members) {
        currentCost += pointCost(rowDot(points.data, member, centroids, cluster, d));
        candidateCost += pointCost(rowDot(points.data, member, candidate, 0, d));
      }
      if (candidateCost <= currentCost) current.set(candidate);
    },
  };
}

/**
 * Σx / ‖Σx‖ maximises c·Σx = |cluster| − Σ cost over unit c exactly, so it needs no check. Members
 * that cancel out (Σx = 0, e.g. an antipodal pair) make every unit c equally good; the current
 * centroid is kept.
 */
function normalizedMeanRule(dimension: number): CentroidRule {
  const sum = new Float64Array(dimension);
  return {
    pointCost: (similarity) => 1 - clampSimilarity(similarity),
    updateCentroid(points, members, centroids, cluster) {
      const { data } = points;
      sum.fill(0);
      // Four members per pass over the sum: one read-modify-write of sum[t] per four additions.
      let q = 0;
      for (; q + 3 < members.length; q += 4) {
        const a = members[q]! * dimension;
        const b = members[q + 1]! * dimension;
        const c = members[q + 2]! * dimension;
        const e = members[q + 3]! * dimension;
        for (let t = 0; t < dimension; t += 1) {
          sum[t]! += data[a + t]! + data[b + t]! + (data[c + t]! + data[e + t]!);
        }
      }
      for (; q < members.length; q += 1) {
        const start = members[q]! * dimension;
        for (let t = 0; t < dimension; t += 1) sum[t]! += data[start + t]!;
      }
      const length = norm(sum);
      if (length === 0) return;
      for (let t = 0; t < dimension; t += 1) centroids[cluster * dimension + t] = sum[t]! / length;
    },
  };
}

/**
 * The {@link CentroidRule} called `name`, for a k-means run on points of dimension `dimension` with
 * convergence `tolerance` (radians).
 */
export function centroidRuleFor(name: CentroidRuleName, dimension: number, tolerance: number): CentroidRule {
  return name === 'frechet' ? frechetRule(tolerance) : normalizedMeanRule(dimension);
}
