import * as tf from '@tensorflow/tfjs-core';
import { normalizeRowsUntidied } from './normalize-rows.js';
import { isAtMost, rowSum, safeDivideRows, safeSqrt, selectRows, zeroRowsWhere } from './row-norms.js';

/**
 * Internal batched kernels (call inside `tf.tidy`), the row-wise counterparts of the array form's
 * `geodesicDirectionInto` and `orthogonalDirectionInto`; see there for the derivations.
 */

/**
 * Below this squared length the tangent part u of a float32 row is rounding noise (it means an angle
 * within ~1e-15 of 0 or π, far below float32 resolution), and its square root would be a subnormal
 * with too few bits to normalise u reliably; such rows are treated as exactly equal or antipodal.
 */
const NEGLIGIBLE_TANGENT_SQUARED = 1e-30;

/** Chords between the projected rows x̂, ŷ and the angle Ω = 2·atan2(‖ŷ − x̂‖, ‖ŷ + x̂‖) ([B, 1]). */
export interface RowChords {
  readonly start: tf.Tensor2D;
  readonly end: tf.Tensor2D;
  readonly difference: tf.Tensor;
  readonly sum: tf.Tensor;
  readonly differenceSquared: tf.Tensor;
  readonly sumSquared: tf.Tensor;
  readonly angle: tf.Tensor;
}

export function rowChords(a: tf.Tensor2D, b: tf.Tensor2D): RowChords {
  const start = normalizeRowsUntidied(a);
  const end = normalizeRowsUntidied(b);
  const difference = tf.sub(end, start);
  const sum = tf.add(end, start);
  const differenceSquared = rowSum(difference, difference);
  const sumSquared = rowSum(sum, sum);
  // Two zero rows give atan2(0, 0); a denominator of 1 gives the same angle 0 with a finite gradient.
  const bothZero = isAtMost(tf.add(differenceSquared, sumSquared), 0);
  const angle = tf.mul(
    2,
    tf.atan2(safeSqrt(differenceSquared), tf.where(bothZero, tf.onesLike(sumSquared), safeSqrt(sumSquared))),
  );
  return { start, end, difference, sum, differenceSquared, sumSquared, angle };
}

/** The great circle from x̂ towards ŷ per row: start x̂, unit tangent w and angle Ω ([B, 1]). */
export interface RowFrame {
  readonly start: tf.Tensor2D;
  readonly direction: tf.Tensor;
  readonly angle: tf.Tensor;
}

/** Per row ŷ = cos Ω·x̂ + sin Ω·w, with w = 0 for ŷ = x̂ or ŷ = 0 and w = e⊥(x̂) for ŷ = −x̂. */
export function geodesicFrameRows(a: tf.Tensor2D, b: tf.Tensor2D): RowFrame {
  const { start, end, difference, sum, differenceSquared, sumSquared, angle } = rowChords(a, b);
  const nearStart = isAtMost(differenceSquared, sumSquared);
  const chord = selectRows(nearStart, difference, sum);
  const tangent = tf.sub(chord, tf.mul(rowSum(chord, start), start));
  const tangentSquared = rowSum(tangent, tangent);
  const negligible = isAtMost(tangentSquared, NEGLIGIBLE_TANGENT_SQUARED);
  // The divisor is 1 wherever the tangent is not used, so the masked branch has finite gradients too.
  const tangentNorm = safeSqrt(tf.where(negligible, tf.onesLike(tangentSquared), tangentSquared));
  const fallback = zeroRowsWhere(nearStart, orthogonalDirectionRows(start));
  const towardsEnd = selectRows(negligible, fallback, tf.div(tangent, tangentNorm));
  // A zero end row leaves u = −x̂ + (x̂·x̂)x̂, pure rounding noise; it has no direction.
  const direction = zeroRowsWhere(isAtMost(rowSum(end, end), 0), towardsEnd);
  return { start, direction, angle };
}

/** e⊥(x) = normalize(e_k − x_k·x), k = argminᵢ |xᵢ| per row (first index on ties); zeros for D = 1. */
export function orthogonalDirectionRows(x: tf.Tensor2D): tf.Tensor {
  const dimension = x.shape[1];
  if (dimension < 2) return tf.zerosLike(x);
  const axis = tf.cast(tf.oneHot(tf.argMin(tf.abs(x), 1), dimension), 'float32');
  const raw = tf.sub(axis, tf.mul(rowSum(axis, x), x));
  return safeDivideRows(raw, safeSqrt(rowSum(raw, raw)));
}
