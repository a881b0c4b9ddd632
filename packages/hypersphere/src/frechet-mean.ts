import { geodesicDirectionInto } from './geodesic-direction.js';
import { type Matrix, matrixRow } from './matrix.js';
import { norm } from './norm.js';
import { normalizeInto } from './normalize.js';
import { exponentialInto } from './riemannian-maps.js';
import type { Vector } from './vector.js';

/** Options of {@link frechetMean}. */
export interface FrechetMeanOptions {
  /**
   * Non-negative finite weight of each selected point, aligned with `indices` when given (weights[j]
   * belongs to points[indices[j]]), else with the points. Default: all 1.
   */
  readonly weights?: ArrayLike<number>;
  /** Rows of `points` to average (e.g. one cluster of a k-means assignment); default all rows. */
  readonly indices?: ArrayLike<number>;
  /** Stop once the Riemannian gradient norm, in radians, is at most this. Default 1e-10. */
  readonly tolerance?: number;
  /** Upper bound on Karcher iterations. Default 100. */
  readonly maxIterations?: number;
  /** Starting point (projected onto the sphere). Default: the normalised weighted Euclidean mean. */
  readonly initial?: Vector;
}

const DEFAULT_TOLERANCE = 1e-10;
const DEFAULT_MAX_ITERATIONS = 100;

/**
 * Weighted Fréchet (Karcher) mean on the sphere: the minimiser of
 *
 *   F(m) = ½ Σᵢ wᵢ Ω(m, p̂ᵢ)² / Σᵢ wᵢ,   p̂ᵢ = pᵢ/‖pᵢ‖,
 *
 * by Riemannian gradient descent with unit step (the Karcher iteration):
 *
 *   g_k = −grad F(m_k) = Σᵢ wᵢ log_{m_k}(p̂ᵢ) / Σᵢ wᵢ,   m_{k+1} = exp_{m_k}(g_k).
 *
 * Convergence criterion: stop when ‖g_k‖ ≤ `tolerance` (radians) or after `maxIterations` steps
 * (the last iterate is returned). Started from the normalised Euclidean mean, which is already within
 * O(spread³) of the answer for a concentrated cluster, it converges linearly in a few steps whenever the
 * points lie in an open hemisphere ball of radius < π/2 around the mean (where the mean is unique).
 *
 * Degenerate inputs (all results finite, on the sphere):
 * - Points whose Euclidean mean is zero (e.g. an antipodal pair, or ±e₁, ±e₂): the start falls back to
 *   the first selected point with positive weight; the iteration then lands on one of the (non-unique)
 *   minimisers, e.g. the point π/2 from both ends of an antipodal pair along e⊥.
 * - Zero-vector points have no position on the sphere and are ignored, as are zero weights.
 * - Throws a `RangeError` when nothing is left to average (no rows, no positive weight, only zero
 *   vectors), for out-of-range or non-integer indices, for negative or non-finite weights, for a
 *   weights length that does not match, and for rows of different dimensions.
 */
export function frechetMean(
  points: Matrix | readonly Vector[],
  options: FrechetMeanOptions = {},
): Float64Array {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!(tolerance >= 0)) throw new RangeError(`frechetMean: tolerance must be ≥ 0, got ${tolerance}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`frechetMean: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  const { units, weights, dimension } = selectWeightedUnitPoints(points, options);
  const count = weights.length;
  if (count === 0) throw new RangeError('frechetMean: no point with a positive weight and a nonzero vector');

  let totalWeight = 0;
  for (let j = 0; j < count; j += 1) totalWeight += weights[j]!;
  const mean = initialMean(units, weights, dimension, options.initial);
  const direction = new Float64Array(dimension);
  const step = new Float64Array(dimension);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    step.fill(0);
    for (let j = 0; j < count; j += 1) {
      const point = units.subarray(j * dimension, (j + 1) * dimension);
      const scale = (weights[j]! / totalWeight) * geodesicDirectionInto(mean, point, direction);
      for (let i = 0; i < dimension; i += 1) step[i] = step[i]! + scale * direction[i]!;
    }
    if (norm(step) <= tolerance) break;
    exponentialInto(mean, step, mean);
    // Re-project so that rounding cannot accumulate a drift off the sphere over many iterations.
    normalizeInto(mean, mean);
  }
  return mean;
}

/** The selected points with a positive weight and a nonzero vector, normalised into one buffer. */
function selectWeightedUnitPoints(
  points: Matrix | readonly Vector[],
  options: FrechetMeanOptions,
): { units: Float64Array; weights: Float64Array; dimension: number } {
  const rowCount = isMatrix(points) ? points.rows : points.length;
  const row = (i: number): Vector => (isMatrix(points) ? matrixRow(points, i) : points[i]!);
  const { indices } = options;
  const selected = indices?.length ?? rowCount;
  if (options.weights !== undefined && options.weights.length !== selected) {
    throw new RangeError(`frechetMean: ${options.weights.length} weights for ${selected} points`);
  }
  const dimension = isMatrix(points) ? points.columns : (points[0]?.length ?? 0);
  const units = new Float64Array(selected * dimension);
  const weights = new Float64Array(selected);
  let kept = 0;
  for (let j = 0; j < selected; j += 1) {
    const index = indices === undefined ? j : indices[j]!;
    if (!Number.isInteger(index) || index < 0 || index >= rowCount) {
      throw new RangeError(`frechetMean: index ${index} is outside 0..${rowCount - 1}`);
    }
    const weight = options.weights?.[j] ?? 1;
    if (!(weight >= 0) || weight === Number.POSITIVE_INFINITY) {
      throw new RangeError(`frechetMean: weight ${j} must be finite and ≥ 0, got ${weight}`);
    }
    const vector = row(index);
    if (vector.length !== dimension) {
      throw new RangeError(
        `frechetMean: point ${index} has dimension ${vector.length}, expected ${dimension}`,
      );
    }
    if (weight === 0) continue;
    const unit = normalizeInto(vector, units.subarray(kept * dimension, (kept + 1) * dimension));
    if (unit.some((value) => value !== 0)) {
      weights[kept] = weight;
      kept += 1;
    }
  }
  return { units: units.subarray(0, kept * dimension), weights: weights.subarray(0, kept), dimension };
}

/** `initial` if given and nonzero, else the normalised weighted Euclidean mean, else the first point. */
function initialMean(
  units: Float64Array,
  weights: Float64Array,
  dimension: number,
  initial: Vector | undefined,
): Float64Array {
  const mean = new Float64Array(dimension);
  if (initial !== undefined) {
    if (initial.length !== dimension) {
      throw new RangeError(`frechetMean: initial has dimension ${initial.length}, expected ${dimension}`);
    }
    normalizeInto(initial, mean);
    if (mean.some((value) => value !== 0)) return mean;
  }
  for (let j = 0; j < weights.length; j += 1) {
    for (let i = 0; i < dimension; i += 1) mean[i] = mean[i]! + weights[j]! * units[j * dimension + i]!;
  }
  normalizeInto(mean, mean);
  if (mean.some((value) => value !== 0)) return mean;
  mean.set(units.subarray(0, dimension));
  return mean;
}

function isMatrix(points: Matrix | readonly Vector[]): points is Matrix {
  return !Array.isArray(points);
}
