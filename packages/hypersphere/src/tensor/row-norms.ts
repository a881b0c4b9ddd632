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

/**
 * `tf.where(mask, whenTrue, whenFalse)` for a [B, 1] mask against [B, D] rows, as m·a + (1 − m)·b:
 * exact for m ∈ {0, 1} and finite a, b, with the same gradients. `tf.where` first broadcasts its
 * mask to [B, D] through a Tile kernel, a full copy that dominates these kernels on the wasm
 * backend; the products broadcast inside the kernels.
 */
export function selectRows(mask: tf.Tensor, whenTrue: tf.Tensor, whenFalse: tf.Tensor): tf.Tensor {
  const chosen = tf.cast(mask, 'float32');
  return tf.add(tf.mul(chosen, whenTrue), tf.mul(tf.sub(1, chosen), whenFalse));
}

/** `tf.where(mask, 0, rows)` for a [B, 1] mask against [B, D] rows, by one product (see {@link selectRows}). */
export function zeroRowsWhere(mask: tf.Tensor, rows: tf.Tensor): tf.Tensor {
  return tf.mul(rows, tf.sub(1, tf.cast(mask, 'float32')));
}
