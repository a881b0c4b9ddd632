import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stop-gradient.js';

/**
 * Batched `halpLoss`: queries [B, D], positives [B, G, D], keep [B, G] (bool or 0/1), a scalar
 * −Σ keep·(z_q·z_H)/τ / max(Σ keep, 1). The positives and the mask are constants of the loss
 * (z_H comes from the key, docs/method.md §3), so the gradient flows through `queries` only, and an empty mask gives
 * 0 with a zero gradient instead of NaN.
 */
export function halpLossTensor(
  queries: tf.Tensor2D,
  positives: tf.Tensor3D,
  keep: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a positive finite number, got ${temperature}`);
  }
  return tf.tidy(() => {
    const constantPositives = stopGradient(positives);
    const mask = stopGradient(tf.cast(keep, 'float32'));
    // [B, G, D] × [B, D, 1]: each query against its own G positives, without transposes.
    const similarities = tf.squeeze(tf.matMul(constantPositives, tf.expandDims(queries, 2)), [2]);
    const keptSimilarity = tf.sum(tf.mul(similarities, mask));
    const keptCount = tf.maximum(tf.sum(mask), 1);
    return tf.neg(tf.div(keptSimilarity, tf.mul(keptCount, temperature))) as tf.Scalar;
  });
}
