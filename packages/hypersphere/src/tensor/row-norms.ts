import * as tf from '@tensorflow/tfjs-core';

/**
 * Internal helpers for the batched kernels: reductions over the last axis of [B, D] tensors that keep
 * the reduced axis ([B, 1]) so results broadcast against the rows, masks, and a square root and a
 * division whose values and gradients are finite at 0.
 */

/** Σ_d a[b, d]·c[b, d] as a [B, 1] column. */
export function rowSum(a: tf.Tensor, c?: tf.Tensor): tf.Tensor {
  return tf.sum(c === undefined ? a : tf.mul(a, c), 1, true);
}

/**
 * The mask a ≤ b. tfjs registers a (zero) gradient for GreaterEqual but not for Greater, LessEqual,
 * Equal or LogicalAnd, and `tf.grad` throws "gradient function not found" for any op without one
 * that lies between the inputs and the loss; so every mask of the kernels is built from this one.
 */
export function isAtMost(a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor {
  return tf.greaterEqual(b, a);
}

/**
 * √q elementwise for q ≥ 0, with √0 = 0 and a zero gradient at q = 0 (plain tf.sqrt has an infinite
 * derivative there, which turns a masked-off branch into NaN gradients: 0·∞). The double `where`
 * keeps 0 away from sqrt in both the forward and the backward pass.
 */
export function safeSqrt(q: tf.Tensor): tf.Tensor {
  const zero = isAtMost(q, 0);
  return tf.where(zero, tf.zerosLike(q), tf.sqrt(tf.where(zero, tf.onesLike(q), q)));
}

/** Divides each row by `denominator` ([B, 1], ≥ 0) where it is positive and leaves the row as is elsewhere. */
export function safeDivideRows<T extends tf.Tensor>(rows: T, denominator: tf.Tensor): T {
  return tf.div<T>(rows, tf.where(isAtMost(denominator, 0), tf.onesLike(denominator), denominator));
}
