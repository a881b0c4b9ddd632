import { type BiGruEncoder, encode } from '@halp/encoders';
import { type Matrix, matrix } from '@halp/hypersphere';
import {
  type Clip,
  type Modality,
  type SkeletonDataset,
  type SkeletonLayout,
  centerCropResize,
  toModality,
  toSequence,
} from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';

export interface FeatureExtractionOptions {
  readonly layout: SkeletonLayout;
  readonly modality: Modality;
  /** Frames T after the centre crop-resize (64 in the references). */
  readonly frames: number;
  /** Clips per forward pass (default 64). */
  readonly batchSize?: number;
  /** Called after each batch with (clips done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The frozen encoder's features (the last-frame BiGRU output, 2H wide) for every clip of a dataset,
 * in dataset order. No augmentation: each clip is centre-cropped and resized to `frames`, as the
 * references' evaluation feeders do; BatchNorm uses its running statistics.
 */
export async function extractFeatures(
  encoder: BiGruEncoder,
  dataset: SkeletonDataset,
  options: FeatureExtractionOptions,
): Promise<Matrix> {
  const { layout, modality, frames, batchSize = 64, onProgress } = options;
  const width = 2 * encoder.config.hiddenSize;
  const features = new Float32Array(dataset.length * width);
  for (let start = 0; start < dataset.length; start += batchSize) {
    const count = Math.min(batchSize, dataset.length - start);
    const clips: Clip[] = [];
    for (let i = start; i < start + count; i += 1) {
      clips.push(toModality(centerCropResize(dataset.clip(i), dataset.validFrames(i), 0.95, frames), modality, layout));
    }
    const channels = clips[0]!.data.length / frames;
    const input = new Float32Array(count * frames * channels);
    clips.forEach((clip, i) => toSequence(clip, input, i * frames * channels));
    const batchFeatures = tf.tidy(() => encode(encoder, tf.tensor3d(input, [count, frames, channels]), { training: false }).features);
    features.set(await batchFeatures.data(), start * width);
    batchFeatures.dispose();
    onProgress?.(start + count, dataset.length);
  }
  return matrix(dataset.length, width, features);
}
