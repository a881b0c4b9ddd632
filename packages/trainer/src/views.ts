import type { EncoderInput } from '@halp/encoders';
import type { Random } from '@halp/random';
import {
  type Batch,
  type Clip,
  type Modality,
  pretrainingCrop,
  type Sample,
  type SkeletonLayout,
  skeletonContrastView,
  toGrid,
  toModality,
  toSequence,
} from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';

/** How one stream reads a view: its modality and its encoder's input representation. */
export interface StreamInput {
  readonly modality: Modality;
  readonly input: EncoderInput;
}

/** The two augmented views of one clip, one array per stream (in the encoder's input layout). */
export interface ViewPair {
  readonly query: readonly Float32Array[];
  readonly key: readonly Float32Array[];
  /** Shape of one view of stream i without the batch axis ([T, V·C·M] or [M, T, V, C]). */
  readonly shapes: readonly (readonly number[])[];
}

/**
 * The pretraining transform of the references: two independent Skeleton-Contrast views of the clip
 * (crop-resize to `frames`, then shear or joint corruption), each converted to every stream's
 * modality and representation. All streams see the same two views, as in ISC and CMD (the query of
 * one stream and the key of another come from different views of the same clip). Runs in the
 * batcher, off the training step.
 */
export function contrastiveViews(
  frames: number,
  streams: readonly StreamInput[],
  layout: SkeletonLayout,
): (sample: Sample, random: Random) => ViewPair {
  const crop = { ...pretrainingCrop, outputFrames: frames };
  const convert = (view: Clip): Float32Array[] => {
    const byModality = new Map<Modality, Clip>();
    return streams.map(({ modality, input }) => {
      let clip = byModality.get(modality);
      if (clip === undefined) {
        clip = toModality(view, modality, layout);
        byModality.set(modality, clip);
      }
      return input === 'sequence' ? toSequence(clip) : toGrid(clip);
    });
  };
  return (sample, random) => {
    const query = skeletonContrastView(sample.clip, sample.validFrames, random, crop);
    const key = skeletonContrastView(sample.clip, sample.validFrames, random, crop);
    const shapes = streams.map(({ input }) => inputShape(query, input));
    return { query: convert(query), key: convert(key), shapes };
  };
}

/** Shape of one clip in an encoder's input layout, without the batch axis. */
export function inputShape(clip: Clip, input: EncoderInput): number[] {
  const { channels, frames, joints, bodies } = clip;
  return input === 'sequence' ? [frames, joints * channels * bodies] : [bodies, frames, joints, channels];
}

/** Stacks a batch's views into one [B, …] tensor per stream and view. */
export function stackViews(batch: Batch<ViewPair>): { query: tf.Tensor[]; key: tf.Tensor[] } {
  const first = batch.items[0]!;
  const stack = (role: 'query' | 'key', stream: number): tf.Tensor => {
    const size = first[role][stream]!.length;
    const data = new Float32Array(batch.items.length * size);
    batch.items.forEach((item, i) => {
      data.set(item[role][stream]!, i * size);
    });
    return tf.tensor(data, [batch.items.length, ...first.shapes[stream]!]);
  };
  return {
    query: first.query.map((_, stream) => stack('query', stream)),
    key: first.key.map((_, stream) => stack('key', stream)),
  };
}
