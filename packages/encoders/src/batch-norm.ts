import * as tf from '@tensorflow/tfjs-core';
import type { BatchNormVariables, BiGruEncoder } from './encoder.js';

/** PyTorch's BatchNorm1d defaults. */
export const BATCH_NORM_EPSILON = 1e-5;
export const BATCH_NORM_MOMENTUM = 0.1;

/**
 * BatchNorm1d over the C channels of `x` [B, T, C], as PyTorch applies it to [B, C, T]:
 *
 *   y = (x − μ) / √(σ² + ε) · γ + β
 *
 * In training μ and σ² are the batch statistics over all B·T frames (σ² biased, divided by B·T); at
 * evaluation they are the running statistics. A constant channel gives σ² = 0 and y = β (ε keeps the
 * division finite).
 *
 * @throws RangeError in training when B·T < 2: one value per channel has no variance to estimate
 *   (PyTorch refuses this case too).
 */
export function batchNorm(x: tf.Tensor3D, norm: BatchNormVariables, training: boolean): tf.Tensor3D {
  return tf.tidy(() => {
    const { mean, variance } = training
      ? batchStatistics(x)
      : { mean: norm.runningMean as tf.Tensor1D, variance: norm.runningVariance as tf.Tensor1D };
    const scale = tf.mul(norm.gamma, tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)));
    return tf.add(tf.mul(tf.sub(x, mean), scale), norm.beta);
  });
}

/** Per-channel mean and variance of a batch [B, T, C] (unbiased: divided by B·T − 1, as PyTorch tracks it). */
export interface RunningStatistics {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/**
 * The running statistics after one more training batch (pure: returns new tensors):
 *
 *   μ_run ← (1 − m) μ_run + m μ_batch,   σ²_run ← (1 − m) σ²_run + m σ²_batch · n / (n − 1)
 *
 * with n = B·T frames (PyTorch stores the unbiased batch variance).
 */
export function nextRunningStatistics(
  running: RunningStatistics,
  x: tf.Tensor3D,
  momentum = BATCH_NORM_MOMENTUM,
): RunningStatistics {
  return tf.tidy(() => {
    const frames = x.shape[0] * x.shape[1];
    const { mean, variance } = batchStatistics(x);
    const unbiased = tf.mul(variance, frames / (frames - 1));
    return {
      mean: tf.add<tf.Tensor1D>(tf.mul(running.mean, 1 - momentum), tf.mul(mean, momentum)),
      variance: tf.add<tf.Tensor1D>(tf.mul(running.variance, 1 - momentum), tf.mul(unbiased, momentum)),
    };
  });
}

/**
 * Folds a training batch into the encoder's running statistics (call it once per training step,
 * with the batch given to `encode`). Does nothing for an encoder without input BatchNorm.
 */
export function updateRunningStatistics(
  encoder: BiGruEncoder,
  x: tf.Tensor3D,
  momentum = BATCH_NORM_MOMENTUM,
): void {
  const norm = encoder.inputNorm;
  if (norm === null) return;
  tf.tidy(() => {
    const running = { mean: norm.runningMean as tf.Tensor1D, variance: norm.runningVariance as tf.Tensor1D };
    const next = nextRunningStatistics(running, x, momentum);
    norm.runningMean.assign(next.mean);
    norm.runningVariance.assign(next.variance);
  });
}

function batchStatistics(x: tf.Tensor3D): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const frames = x.shape[0] * x.shape[1];
  if (frames < 2) {
    throw new RangeError(`BatchNorm in training needs at least 2 frames per channel, got B·T = ${frames}`);
  }
  const { mean, variance } = tf.moments(x, [0, 1]);
  return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}
