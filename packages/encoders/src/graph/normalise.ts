import type * as tf from '@tensorflow/tfjs-core';
import { type BatchMoments, batchNorm } from '../batch-norm.js';
import type { BatchNormVariables } from '../variables.js';

/** How a forward pass applies each of its BatchNorms to the activations x (channels last). */
export type Normalise = <T extends tf.Tensor>(norm: BatchNormVariables, x: T) => T;

/**
 * BatchNorm with batch statistics (training) or running statistics (evaluation); in training, each
 * BatchNorm's batch moments are appended to `moments` when given.
 */
export function applyBatchNorm(training: boolean, moments?: BatchMoments[]): Normalise {
  return (norm, x) => batchNorm(x, norm, training, moments);
}
