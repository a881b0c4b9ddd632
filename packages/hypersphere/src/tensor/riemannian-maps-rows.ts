import * as tf from '@tensorflow/tfjs-core';
import { geodesicFrameRows } from './geodesic-frame-rows.js';
import { normalizeRowsUntidied } from './normalize-rows.js';
import { isAtMost, rowSum, safeSqrt } from './row-norms.js';
import { assertSameRows } from './validate.js';

/**
 * Row-wise logarithm (batched `logMap`): log_b̂(p̂) = Ω·w, the tangent at each row b̂ᵢ of length Ω towards p̂ᵢ;
 * 0 for p̂ = b̂ and π·e⊥(b̂) for p̂ = −b̂.
 */
export function logMapRows(base: tf.Tensor2D, point: tf.Tensor2D): tf.Tensor2D {
  assertSameRows('logMapRows', base, point);
  return tf.tidy(() => {
    const { direction, angle } = geodesicFrameRows(base, point);
    return tf.mul(angle, direction);
  });
}

/**
 * Row-wise exponential (batched `expMap`): exp_b̂(v) = cos θ·b̂ + (sin θ/θ)·v with v the tangent
 * projected onto the tangent space at b̂ᵢ and θ = ‖v‖; sin θ/θ is taken as 1 at θ = 0, where v = 0.
 */
export function expMapRows(base: tf.Tensor2D, tangent: tf.Tensor2D): tf.Tensor2D {
  assertSameRows('expMapRows', base, tangent);
  return tf.tidy(() => {
    const start = normalizeRowsUntidied(base);
    const projected = tf.sub(tangent, tf.mul(rowSum(tangent, start), start));
    const theta = safeSqrt(rowSum(projected, projected));
    const still = isAtMost(theta, 0);
    const safeTheta = tf.where(still, tf.onesLike(theta), theta);
    const sineOverTheta = tf.where(still, tf.onesLike(theta), tf.div(tf.sin(safeTheta), safeTheta));
    return tf.add(tf.mul(tf.cos(theta), start), tf.mul(sineOverTheta, projected));
  });
}
