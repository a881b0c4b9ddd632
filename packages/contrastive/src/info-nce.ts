import { dot, type Matrix, matrixRow } from '@halp/hypersphere';
import * as tf from '@tensorflow/tfjs-core';

/**
 * InfoNCE of MoCo (the reference's `CrossEntropyLoss` over `[l_pos, l_neg] / τ` with target 0):
 *
 *   L_CL = mean_b [ log Σ_j exp(ℓ_bj / τ) − ℓ_b0 / τ ],   ℓ_b0 = q_b·k_b,   ℓ_bj = q_b·Q_j  (j = 1..K)
 *
 * `queries` B × D (on the gradient tape), `keys` B × D and `negatives` K × D (constants).
 * Computed with a stable log-sum-exp.
 */
export function infoNceLoss(
  queries: tf.Tensor2D,
  keys: tf.Tensor2D,
  negatives: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  return tf.tidy(() => {
    const logits = contrastLogits(queries, keys, negatives, temperature);
    const positive = tf.squeeze(tf.slice(logits, [0, 0], [-1, 1]), [1]);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), positive)) as tf.Scalar;
  });
}

/** The B × (1 + K) logits [q·k, q·Q_1, …, q·Q_K] / τ; column 0 is the positive. */
export function contrastLogits(
  queries: tf.Tensor2D,
  keys: tf.Tensor2D,
  negatives: tf.Tensor2D,
  temperature: number,
): tf.Tensor2D {
  if (!(temperature > 0)) throw new RangeError(`temperature must be positive, got ${temperature}`);
  return tf.tidy(() => {
    const positive = tf.sum<tf.Tensor2D>(tf.mul(queries, keys), 1, true);
    const negative = tf.matMul(queries, negatives, false, true) as tf.Tensor2D;
    return tf.div(tf.concat2d([positive, negative], 1), temperature) as tf.Tensor2D;
  });
}

/** Fraction of queries whose positive logit is the largest (the reference's "Acc@1" of the contrast). */
export function contrastAccuracy(logits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), 0), 'float32')) as tf.Scalar);
}

/**
 * Array form of {@link infoNceLoss} in float64, for tests and for checking other implementations.
 * `queries` and `keys` are B × D, `negatives` K × D.
 */
export function infoNceLossArray(
  queries: Matrix,
  keys: Matrix,
  negatives: Matrix,
  temperature: number,
): number {
  const logits = new Float64Array(1 + negatives.rows);
  let total = 0;
  for (let b = 0; b < queries.rows; b += 1) {
    const query = matrixRow(queries, b);
    logits[0] = dot(query, matrixRow(keys, b)) / temperature;
    for (let j = 0; j < negatives.rows; j += 1)
      logits[1 + j] = dot(query, matrixRow(negatives, j)) / temperature;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of logits) max = Math.max(max, value);
    let sum = 0;
    for (const value of logits) sum += Math.exp(value - max);
    total += max + Math.log(sum) - logits[0]!;
  }
  return total / queries.rows;
}
