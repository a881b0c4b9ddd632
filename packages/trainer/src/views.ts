import type { Random } from '@halp/random';
import {
  type Batch,
  type Modality,
  pretrainingCrop,
  type Sample,
  type SkeletonLayout,
  skeletonContrastView,
  toModality,
  toSequence,
} from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';

/** The two augmented views of one clip, as T × (V·C·M) sequences. */
export interface ViewPair {
  readonly query: Float32Array;
  readonly key: Float32Array;
}

/**
 * The pretraining transform of the references: two independent Skeleton-Contrast views
 * (crop-resize to `frames`, then shear or joint corruption), converted to the modality and to the
 * sequence representation. Runs in the batcher, off the training step.
 */
export function contrastiveViews(
  frames: number,
  modality: Modality,
  layout: SkeletonLayout,
): (sample: Sample, random: Random) => ViewPair {
  const crop = { ...pretrainingCrop, outputFrames: frames };
  const view = (sample: Sample, random: Random): Float32Array =>
    toSequence(
      toModality(skeletonContrastView(sample.clip, sample.validFrames, random, crop), modality, layout),
    );
  return (sample, random) => ({ query: view(sample, random), key: view(sample, random) });
}

/** Stacks a batch's sequences into [B, T, C] tensors. */
export function stackViews(batch: Batch<ViewPair>, frames: number): { query: tf.Tensor3D; key: tf.Tensor3D } {
  const size = batch.items.length;
  const width = batch.items[0]!.query.length / frames;
  const query = new Float32Array(size * frames * width);
  const key = new Float32Array(size * frames * width);
  batch.items.forEach((item, i) => {
    query.set(item.query, i * frames * width);
    key.set(item.key, i * frames * width);
  });
  return { query: tf.tensor3d(query, [size, frames, width]), key: tf.tensor3d(key, [size, frames, width]) };
}
