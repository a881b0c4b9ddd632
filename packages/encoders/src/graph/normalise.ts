import type * as tf from '@tensorflow/tfjs-core';
import { batchNorm, foldRunningStatistics } from '../batch-norm.js';
import type { BatchNormVariables } from '../encoder.js';

/**
 * How a forward pass applies each of its BatchNorms to the activations x (channels last). The graph
 * encoder has one forward pass and two uses for it: encoding, and folding the statistics of every
 * BatchNorm's own input into its running statistics.
 */
export type Normalise = <T extends tf.Tensor>(norm: BatchNormVariables, x: T) => T;

/** BatchNorm with batch statistics (training) or running statistics (evaluation). */
export function applyBatchNorm(training: boolean): Normalise {
  return (norm, x) => batchNorm(x, norm, training);
}

/**
 * Folds x's statistics into the running ones, then normalises with the batch statistics: the
 * activations, hence the statistics seen by later BatchNorms, are those of the training forward pass.
 */
export const foldThenApplyBatchNorm: Normalise = (norm, x) => {
  foldRunningStatistics(norm, x);
  return batchNorm(x, norm, true);
};
