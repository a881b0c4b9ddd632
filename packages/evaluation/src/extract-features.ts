import { type Encoder, encode, featureSize } from '@halp/encoders';
import { type Matrix, matrix } from '@halp/hypersphere';
import type { SkeletonDataset } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import { type EncoderInputOptions, encoderBatch, evaluationClip } from './encoder-input.js';

export interface FeatureExtractionOptions extends EncoderInputOptions {
  /** Clips per forward pass (default 64). */
  readonly batchSize?: number;
  /** Called after each batch with (clips done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The frozen encoder's features (`featureSize(encoder.config)` wide: the last-frame BiGRU output,
 * 2H; the pooled output of a graph or image encoder) for every clip of a dataset,
 * in dataset order. No augmentation: each clip is centre-cropped and resized to `frames`, as the
 * references' evaluation feeders do; BatchNorm uses its running statistics.
 */
export async function extractFeatures(
  encoder: Encoder,
  dataset: SkeletonDataset,
  options: FeatureExtractionOptions,
): Promise<Matrix> {
  const { batchSize = 64, onProgress } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`extractFeatures: batchSize must be a positive integer, got ${batchSize}`);
  }
  const width = featureSize(encoder.config);
  const features = new Float32Array(dataset.length * width);
  for (let start = 0; start < dataset.length; start += batchSize) {
    const count = Math.min(batchSize, dataset.length - start);
    const clips = Array.from({ length: count }, (_, i) => evaluationClip(dataset, start + i, options));
    const batchFeatures = tf.tidy(
      () => encode(encoder, encoderBatch(encoder, clips), { training: false }).features,
    );
    features.set(await batchFeatures.data(), start * width);
    batchFeatures.dispose();
    onProgress?.(start + count, dataset.length);
  }
  return matrix(dataset.length, width, features);
}
