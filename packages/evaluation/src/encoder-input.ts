import { type Encoder, type EncoderInput, encoderInput } from '@halp/encoders';
import type { Random } from '@halp/random';
import {
  type Clip,
  centerCropResize,
  linearEvaluationCrop,
  type Modality,
  randomTemporalCropResize,
  type SkeletonDataset,
  type SkeletonLayout,
  toGrid,
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

/**
 * Clips of equal shape as one input batch in the layout the encoder wants (see `encoderInput` of
 * `@halp/encoders`):
 * - `'sequence'`: x [B, T, V·C·M], each clip as `toSequence` orders it (the BiGRU);
 * - `'grid'`: x [B, M, T, V, C], each clip as `toGrid` orders it (graph and image encoders).
 *
 * @throws RangeError when there are no clips or their shapes differ.
 */
export function clipBatch(clips: readonly Clip[], input: EncoderInput): tf.Tensor {
  const first = clips[0];
  if (first === undefined) throw new RangeError('clipBatch: no clips');
  const { channels, frames, joints, bodies } = first;
  const mismatch = clips.findIndex(
    (clip) =>
      clip.channels !== channels ||
      clip.frames !== frames ||
      clip.joints !== joints ||
      clip.bodies !== bodies,
  );
  if (mismatch >= 0) {
    throw new RangeError(`clipBatch: clip ${mismatch} does not have the shape of clip 0`);
  }
  const size = first.data.length;
  const values = new Float32Array(clips.length * size);
  const write = input === 'sequence' ? toSequence : toGrid;
  for (const [i, clip] of clips.entries()) write(clip, values, i * size);
  return input === 'sequence'
    ? tf.tensor3d(values, [clips.length, frames, joints * channels * bodies])
    : tf.tensor5d(values, [clips.length, bodies, frames, joints, channels]);
}

/** {@link clipBatch} in the layout `encoder` takes. */
export function encoderBatch(encoder: Encoder, clips: readonly Clip[]): tf.Tensor {
  return clipBatch(clips, encoderInput(encoder.config));
}
