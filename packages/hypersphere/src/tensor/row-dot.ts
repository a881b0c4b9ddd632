import * as tf from '@tensorflow/tfjs-core';
import { assertSameRows } from './validate.js';

/** Row-wise inner products aᵢ·bᵢ of two [B, D] tensors, as a [B] tensor (batched `dot`). */
export function rowDot(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  assertSameRows('rowDot', a, b);
  return tf.tidy(() => tf.sum(tf.mul(a, b), 1));
}
