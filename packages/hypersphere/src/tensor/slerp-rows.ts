import * as tf from '@tensorflow/tfjs-core';
import { geodesicFrameRows } from './geodesic-frame-rows.js';
import { assertInterpolation, type Interpolation, interpolationColumn } from './interpolation.js';
import { assertSameRows } from './validate.js';

/**
 * Row-wise slerp (batched `slerp`): for each row, with Ω the geodesic angle and w the unit tangent at
 * âᵢ towards b̂ᵢ,
 *
 *   slerp(a, b, t) = sin((1−t)Ω)/sin Ω · â + sin(tΩ)/sin Ω · b̂ = cos(tΩ)·â + sin(tΩ)·w,
 *
 * computed in the second form (no division by sin Ω). `t` is a number, a scalar tensor, or one value
 * per row ([B] or [B, 1]). Degenerate rows behave as in the array form: â for â = b̂, the path through
 * e⊥(â) for b̂ = −â, zero rows as the origin; never NaN, also in gradients.
 */
export function slerpRows(a: tf.Tensor2D, b: tf.Tensor2D, t: Interpolation): tf.Tensor2D {
  assertSameRows('slerpRows', a, b);
  assertInterpolation(t, a.shape[0], 'slerpRows');
  return tf.tidy(() => {
    const { start, direction, angle } = geodesicFrameRows(a, b);
    const travelled = tf.mul(interpolationColumn(t), angle);
    return tf.add(tf.mul(tf.cos(travelled), start), tf.mul(tf.sin(travelled), direction));
  });
}

/**
 * Row-wise paper direction d(t, P, z) = slerp(z, p, t) − ẑ (batched `geodesicStep`), computed as
 * −2 sin²(tΩ/2)·ẑ + sin(tΩ)·w to avoid the cancellation in cos(tΩ) − 1.
 */
export function geodesicStepRows(z: tf.Tensor2D, p: tf.Tensor2D, t: Interpolation): tf.Tensor2D {
  assertSameRows('geodesicStepRows', z, p);
  assertInterpolation(t, z.shape[0], 'geodesicStepRows');
  return tf.tidy(() => {
    const { start, direction, angle } = geodesicFrameRows(z, p);
    const travelled = tf.mul(interpolationColumn(t), angle);
    const alongStart = tf.mul(-2, tf.square(tf.sin(tf.div(travelled, 2))));
    return tf.add(tf.mul(alongStart, start), tf.mul(tf.sin(travelled), direction));
  });
}
