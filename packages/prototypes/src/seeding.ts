import { type Random, sampleWithoutReplacement, uniformInt, weightedIndex } from '@halp/random';
import type { CentroidRule } from './centroid-rules.js';
import { coincidesWithCentroid } from './coincidence.js';
import type { SeedingMethod } from './options.js';
import { similaritiesToRow } from './similarity-kernels.js';
import type { UnitRows } from './unit-rows.js';

/** The initial centroids: rows `indices` of the points, and every point's cosine to each of them. */
export interface Seeding {
  readonly indices: Int32Array;
  /** n × k, row-major: `similarities[i·k + c]` = xᵢ · x_{indices[c]}. */
  readonly similarities: Float64Array;
}

/**
 * Picks the `k` points (rows of unit `points`, k ≤ n) that become the initial centroids:
 *
 * - `'random'`: k distinct rows drawn uniformly without replacement.
 * - `'kmeans++'` (Arthur & Vassilvitskii, 2007): the first row uniformly, each next row with
 *   probability proportional to the objective's cost to its nearest chosen centroid, D(x)² — the
 *   squared geodesic distance for `'frechet'`, 1 − cos = ½‖x − c‖² for `'normalized-mean'`. (The
 *   reference's geomstats implementation weights by the unsquared geodesic distance; D² is the
 *   weighting with the O(log k) approximation guarantee.) Once every row coincides with a chosen
 *   centroid — fewer distinct directions than k — the remaining rows are drawn uniformly, so the
 *   surplus centroids duplicate existing ones.
 *
 * k-means++ needs every point's similarity to every chosen centroid anyway; the whole n × k matrix
 * is returned (for both methods) so that the first assignment costs nothing more.
 */
export function seedCentroids(
  points: UnitRows,
  k: number,
  method: SeedingMethod,
  rule: CentroidRule,
  random: Random,
): Seeding {
  const n = points.rows;
  const similarities = new Float64Array(n * k);
  const nearestSimilarity = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const indices = method === 'random' ? sampleWithoutReplacement(random, n, k) : new Int32Array(k);
  const column = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let c = 0; c < k; c += 1) {
    if (method === 'kmeans++') {
      indices[c] = c === 0 ? uniformInt(random, n) : drawByCost(nearestSimilarity, rule, weights, random);
    }
    similaritiesToRow(points.data, points.data, indices[c]!, points.columns, column);
    for (let i = 0; i < n; i += 1) {
      similarities[i * k + c] = column[i]!;
      nearestSimilarity[i] = Math.max(nearestSimilarity[i]!, column[i]!);
    }
  }
  return { indices, similarities };
}

/** A point drawn with probability proportional to its cost to its nearest centroid so far. */
function drawByCost(
  nearestSimilarity: Float64Array,
  rule: CentroidRule,
  weights: Float64Array,
  random: Random,
): number {
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const similarity = nearestSimilarity[i]!;
    weights[i] = coincidesWithCentroid(similarity) ? 0 : rule.pointCost(similarity);
    total += weights[i]!;
  }
  return total > 0 ? weightedIndex(random, weights) : uniformInt(random, weights.length);
}
