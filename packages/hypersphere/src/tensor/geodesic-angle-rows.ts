import * as tf from '@tensorflow/tfjs-core';
import { rowChords } from './geodesic-frame-rows.js';
import { assertSameRows } from './validate.js';

/**
 * Row-wise geodesic angle Ω ∈ [0, π] between the directions of rows aᵢ and bᵢ, as a [B] tensor:
 * Ω = 2·atan2(‖b̂ − â‖, ‖b̂ + â‖) (batched `geodesicAngle`; same zero-row conventions: π/2 between a
 * zero and a nonzero row, 0 between two zero rows). Gradients are finite everywhere, including at
 * Ω = 0 where they are 0.
 */
export function geodesicAngleRows(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  assertSameRows('geodesicAngleRows', a, b);
  return tf.tidy(() => tf.reshape(rowChords(a, b).angle, [a.shape[0]]));
}
