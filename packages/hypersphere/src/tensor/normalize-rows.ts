import * as tf from '@tensorflow/tfjs-core';
import { rowSum, safeDivideRows, safeSqrt } from './row-norms.js';
import { assertSameRows } from './validate.js';

/**
 * x̂ = x/‖x‖ per row with a hand-written gradient: the Jacobian-vector product
 *
 *   ∂L/∂x = (g − x̂·(x̂·g)) / ‖x‖,   g = ∂L/∂x̂,
 *
 * evaluated as ((g − x̂(x̂·g))/‖s‖)/m, where m is the row's largest magnitude and s = x/m, so
 * that neither pass squares a tiny or huge float32. For a zero row (x̂ = 0, m = 0) both divisors
 * are replaced by 1: the value stays 0 and the gradient passes through unchanged (the map is not
 * differentiable there; any finite choice is a convention, this one never produces NaN).
 */
const normalizeRowsWithGradient = tf.customGrad(
  (x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const rows = x as tf.Tensor2D;
    const largest = tf.max(tf.abs(rows), 1, true);
    const scaled = safeDivideRows(rows, largest);
    const scaledNorm = safeSqrt(rowSum(scaled, scaled));
    const unit = safeDivideRows(scaled, scaledNorm);
    (save as tf.GradSaveFunc)([unit, scaledNorm, largest]);
    return {
      value: unit,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [savedUnit, savedNorm, savedLargest] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const tangential = tf.sub(dy, tf.mul(savedUnit, rowSum(savedUnit, dy)));
        return safeDivideRows(safeDivideRows(tangential, savedNorm), savedLargest);
      },
    };
  },
);

/**
 * Projects every row of a [B, D] tensor onto the unit sphere, x̂ = x/‖x‖ (batched `normalize`).
 *
 * Rows are scaled by their largest magnitude first, so float32 squares neither underflow nor
 * overflow. Zero rows stay zero (never NaN) and pass gradients through unchanged.
 */
export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  assertSameRows('normalizeRows', x);
  return tf.tidy(() => normalizeRowsUntidied(x));
}

/** {@link normalizeRows} for use inside another kernel's `tf.tidy`. */
export function normalizeRowsUntidied(x: tf.Tensor2D): tf.Tensor2D {
  return normalizeRowsWithGradient(x) as tf.Tensor2D;
}
