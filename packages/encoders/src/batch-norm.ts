import * as tf from '@tensorflow/tfjs-core';
import type { BatchNormVariables } from './variables.js';

/** PyTorch's BatchNorm1d defaults. */
export const BATCH_NORM_EPSILON = 1e-5;
export const BATCH_NORM_MOMENTUM = 0.1;

/**
 * BatchNorm over the last axis C of `x` (channels last: [B, T, C] for sequences, [B, M, T, V, C] for
 * joint grids), as PyTorch's BatchNorm1d/2d applies it to channels-first data:
 *
 *   y = (x − μ) / √(σ² + ε) · γ + β
 *
 * In training μ and σ² are the batch statistics over all n positions (every axis but the last; σ²
 * biased, divided by n); at
 * evaluation they are the running statistics. A constant channel gives σ² = 0 and y = β (ε keeps the
 * division finite).
 *
 * @throws RangeError in training when n < 2: one value per channel has no variance to estimate
 *   (PyTorch refuses this case too).
 */
export function batchNorm<T extends tf.Tensor>(
  x: T,
  norm: BatchNormVariables,
  training: boolean,
  moments?: BatchMoments[],
): T {
  return tf.tidy(() => {
    const batch = training ? batchStatistics(x) : undefined;
    if (batch !== undefined && moments !== undefined) {
      moments.push({
        norm,
        mean: tf.keep(batch.mean),
        variance: tf.keep(batch.variance),
        count: batch.count,
      });
    }
    const { mean, variance } = batch ?? {
      mean: norm.runningMean as tf.Tensor1D,
      variance: norm.runningVariance as tf.Tensor1D,
    };
    const scale = tf.mul(norm.gamma, tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)));
    return tf.add(tf.mul(tf.sub(x, mean), scale), norm.beta);
  });
}

/**
 * The batch statistics one BatchNorm used in a training forward pass (`encode` with
 * `{ training: true, moments }` appends one per BatchNorm): μ and the biased σ² over the `count`
 * positions per channel. Fold them into the running statistics with {@link foldBatchMoments} once
 * the step is accepted; the tensors are the caller's to dispose (`foldBatchMoments` does).
 */
export interface BatchMoments {
  readonly norm: BatchNormVariables;
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
  readonly count: number;
}

/** Per-channel running mean and variance (the variance unbiased, divided by n − 1, as PyTorch tracks it). */
export interface RunningStatistics {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/**
 * The running statistics after one more training batch (pure: returns new tensors):
 *
 *   μ_run ← (1 − m) μ_run + m μ_batch,   σ²_run ← (1 − m) σ²_run + m σ²_batch · n / (n − 1)
 *
 * with n the positions per channel (PyTorch stores the unbiased batch variance).
 */
export function nextRunningStatistics(
  running: RunningStatistics,
  x: tf.Tensor,
  momentum = BATCH_NORM_MOMENTUM,
): RunningStatistics {
  return tf.tidy(() => {
    const { mean, variance, count } = batchStatistics(x);
    return { ...runningAfter(running, mean, variance, count, momentum) };
  });
}

/** The running-statistics update from one batch's μ and biased σ² (call inside a tidy). */
function runningAfter(
  running: RunningStatistics,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  count: number,
  momentum: number,
): RunningStatistics {
  const unbiased = tf.mul(variance, count / (count - 1));
  return {
    mean: tf.add<tf.Tensor1D>(tf.mul(running.mean, 1 - momentum), tf.mul(mean, momentum)),
    variance: tf.add<tf.Tensor1D>(tf.mul(running.variance, 1 - momentum), tf.mul(unbiased, momentum)),
  };
}

/**
 * Folds the batch moments collected during a training forward pass into their BatchNorms' running
 * statistics (the update of {@link nextRunningStatistics}, in collection order) and disposes them.
 * The statistics are those of the forward pass that trained, as PyTorch folds them during forward,
 * without a second pass.
 */
export function foldBatchMoments(moments: readonly BatchMoments[], momentum = BATCH_NORM_MOMENTUM): void {
  for (const { norm, mean, variance, count } of moments) {
    assignRunning(norm, (running) => runningAfter(running, mean, variance, count, momentum));
  }
  disposeBatchMoments(moments);
}

/** Disposes collected moments without folding them (a rejected step). */
export function disposeBatchMoments(moments: readonly BatchMoments[]): void {
  tf.dispose(moments.flatMap(({ mean, variance }) => [mean, variance]));
}

/** Folds the statistics of `x` (channels last) into one BatchNorm's running mean and variance. */
export function foldRunningStatistics(
  norm: BatchNormVariables,
  x: tf.Tensor,
  momentum = BATCH_NORM_MOMENTUM,
): void {
  assignRunning(norm, (running) => nextRunningStatistics(running, x, momentum));
}

function assignRunning(
  norm: BatchNormVariables,
  next: (running: RunningStatistics) => RunningStatistics,
): void {
  tf.tidy(() => {
    const updated = next({
      mean: norm.runningMean as tf.Tensor1D,
      variance: norm.runningVariance as tf.Tensor1D,
    });
    norm.runningMean.assign(updated.mean);
    norm.runningVariance.assign(updated.variance);
  });
}

/** Per-channel μ and biased σ² of x over its `count` positions (every axis but the last). */
function batchStatistics(x: tf.Tensor): { mean: tf.Tensor1D; variance: tf.Tensor1D; count: number } {
  const count = x.size / x.shape[x.rank - 1]!;
  if (count < 2) {
    throw new RangeError(`BatchNorm in training needs at least 2 values per channel, got ${count}`);
  }
  const axes = Array.from({ length: x.rank - 1 }, (_, axis) => axis);
  const { mean, variance } = tf.moments(x, axes);
  return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D, count };
}
