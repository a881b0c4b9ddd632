import { pairSimilarities } from './similarity-kernels.js';
import type { UnitRows } from './unit-rows.js';

/**
 * The assignment step with Elkan's (2003) bounds, on the sphere where the geodesic angle is a
 * metric. Every point keeps a lower bound lᵢⱼ ≤ Ω(xᵢ, cⱼ) for every centroid. When centroid j moves
 * by δⱼ, the triangle inequality gives lᵢⱼ ← lᵢⱼ − δⱼ. The cosine to the point's own centroid is
 * recomputed every step (the objective needs it), and only the centroids with lᵢⱼ ≤ Ω(xᵢ, c_own)
 * can have come closer: the others are skipped. Near convergence the centroids barely move and a
 * point typically checks one or two centroids instead of k. Memory: a few n·k arrays.
 *
 * Bounds are compared with a safety margin so that a skipped centroid is worse than the own one by
 * far more than the rounding of computed cosines: the result is the same as that of a full
 * assignment (every point to its most similar centroid, lowest index on ties), bit for bit.
 */
export class BoundedAssignment {
  /** Index of every point's most similar centroid (lowest index on ties). */
  readonly assignments: Int32Array;
  /** Every point's cosine to that centroid. */
  readonly similarities: Float64Array;
  /** n × k lower bounds on the geodesic angle from each point to each centroid. */
  private readonly lower: Float64Array;
  /** The (point, centroid) pairs to compute in one step, and their cosines. */
  private readonly pairPoints: Int32Array;
  private readonly pairCentroids: Int32Array;
  private readonly pairSimilarities: Float64Array;
  private readonly pointIndices: Int32Array;
  private readonly margin: number;

  /**
   * Assigns every point from the full n × k matrix of its cosines to the initial centroids (the
   * seeding computes it anyway).
   */
  constructor(
    private readonly points: UnitRows,
    private readonly k: number,
    initialSimilarities: Float64Array,
  ) {
    const n = points.rows;
    this.assignments = new Int32Array(n);
    this.similarities = new Float64Array(n);
    this.lower = new Float64Array(n * k);
    this.pairPoints = new Int32Array(n * k);
    this.pairCentroids = new Int32Array(n * k);
    this.pairSimilarities = new Float64Array(n * k);
    this.pointIndices = Int32Array.from({ length: n }, (_, i) => i);
    // A computed cosine of unit vectors is off by at most γ ≈ d·2⁻⁵³. Near an angle of 0, arccos
    // turns that into up to √(2γ) rad in each angle, and an angle gap g shows as a cosine gap of only
    // g²/2, which must exceed 2γ for the computed comparison to agree: a bound l > Ω_own + m is safe
    // for m ≥ 2√(2γ) + 2√γ ≈ 5·10⁻⁸·√d. Twenty times that still skips all but near-ties.
    this.margin = 1e-6 * Math.sqrt(points.columns);
    for (let i = 0; i < n; i += 1) {
      let best = 0;
      for (let j = 0; j < k; j += 1) {
        const similarity = initialSimilarities[i * k + j]!;
        this.lower[i * k + j] = angleOf(similarity);
        // Strictly greater in increasing j: the lowest index wins ties.
        if (similarity > initialSimilarities[i * k + best]!) best = j;
      }
      this.assignments[i] = best;
      this.similarities[i] = initialSimilarities[i * k + best]!;
    }
  }

  /** Reassigns after every centroid j moved by the geodesic angle `shifts[j]`. */
  reassign(centroids: Float64Array, shifts: Float64Array): void {
    const { points, k, assignments, similarities, lower, margin } = this;
    const { pairPoints, pairCentroids, pairSimilarities: computed } = this;
    const n = assignments.length;
    const d = points.columns;
    pairSimilarities(points.data, centroids, d, this.pointIndices, assignments, n, similarities);
    // Collect every point's candidate centroids, point by point (so in increasing j per point) ...
    let count = 0;
    for (let i = 0; i < n; i += 1) {
      const own = assignments[i]!;
      const reach = angleOf(similarities[i]!) + margin;
      for (let j = 0; j < k; j += 1) {
        lower[i * k + j]! -= shifts[j]!;
        if (j !== own && lower[i * k + j]! <= reach) {
          pairPoints[count] = i;
          pairCentroids[count] = j;
          count += 1;
        }
      }
    }
    // ... compute all candidate cosines in one pass, then let each point pick its nearest.
    pairSimilarities(points.data, centroids, d, pairPoints, pairCentroids, count, computed);
    for (let q = 0; q < count; q += 1) {
      const i = pairPoints[q]!;
      const j = pairCentroids[q]!;
      const similarity = computed[q]!;
      lower[i * k + j] = angleOf(similarity);
      const own = assignments[i]!;
      if (similarity > similarities[i]! || (similarity === similarities[i]! && j < own)) {
        lower[i * k + own] = angleOf(similarities[i]!);
        assignments[i] = j;
        similarities[i] = similarity;
      }
    }
  }
}

/** Geodesic angle of a cosine of unit vectors (clamped: rounding can leave [−1, 1]). */
function angleOf(similarity: number): number {
  return Math.acos(Math.min(1, Math.max(-1, similarity)));
}
