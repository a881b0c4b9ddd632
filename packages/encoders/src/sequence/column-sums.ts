import * as tf from '@tensorflow/tfjs-core';

/**
 * Σ over the rows of a matrix [N, K] → [K], as `1ᵀ · matrix`. Bias gradients need this sum over all
 * T·B rows; tfjs-backend-wasm reduces over a non-last axis by transposing first and then summing
 * (≈ 30–50 ms for [1024, 1536]), while the ones-vector matMul runs on its fast matMul path.
 */
export function columnSums(matrix: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(tf.matMul(tf.ones([1, matrix.shape[0]]), matrix), [matrix.shape[1]]));
}
