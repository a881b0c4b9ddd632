import type { Random } from '@halp/random';
import {
  type Clip,
  centerCropResize,
  linearEvaluationCrop,
  type Modality,
  randomTemporalCropResize,
  type SkeletonDataset,
  type SkeletonLayout,
  toModality,
  toSequence,
} from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';

/** How clips become encoder input: the skeleton layout, the modality and the frames T after cropping. */
export interface EncoderInputOptions {
  readonly layout: SkeletonLayout;
  readonly modality: Modality;
  /** Frames T after the temporal crop-resize (64 in the references). */
  readonly frames: number;
}

/**
 * Clip i as the references' evaluation feeders give it (`l_ratio = [0.95]`): the centre 95 % of its
 * valid frames resized to T, then the modality. Deterministic.
 */
export function evaluationClip(dataset: SkeletonDataset, index: number, input: EncoderInputOptions): Clip {
  const cropped = centerCropResize(dataset.clip(index), dataset.validFrames(index), 0.95, input.frames);
  return toModality(cropped, input.modality, input.layout);
}

/**
 * A clip as the references' downstream training feeders give it (`l_ratio = [0.5, 1]`): a random
 * crop of 50–100 % of the valid frames (at least 64), resized to T, then the modality.
 */
export function trainingClip(
  clip: Clip,
  validFrames: number,
  random: Random,
  input: EncoderInputOptions,
): Clip {
  const cropped = randomTemporalCropResize(clip, validFrames, random, {
    ...linearEvaluationCrop,
    outputFrames: input.frames,
  });
  return toModality(cropped, input.modality, input.layout);
}

/** Clips of equal shape as the encoder's input batch x [B, T, C] (C = joints · channels · bodies). */
export function clipBatch(clips: readonly Clip[]): tf.Tensor3D {
  const first = clips[0];
  if (first === undefined) throw new RangeError('clipBatch: no clips');
  const size = first.data.length;
  const input = new Float32Array(clips.length * size);
  for (const [i, clip] of clips.entries()) toSequence(clip, input, i * size);
  return tf.tensor3d(input, [clips.length, first.frames, size / first.frames]);
}
