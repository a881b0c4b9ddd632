import { type Random, uniform, uniformInt } from '@halp/random';
import type { Clip } from '../clip.js';
import { resampleFrames } from './resample-frames.js';

/** Settings of the references' random temporal crop-resize. */
export interface TemporalCropOptions {
  /** Crop length as a fraction of the valid frames, drawn uniformly from [low, high). */
  readonly ratioRange: readonly [number, number];
  /** Crops are at least this long (unless the clip itself is shorter). */
  readonly minCropFrames: number;
  /** Frames after resampling. */
  readonly outputFrames: number;
}

/** Pretraining crop of ISC and HaLP: ratio in [0.1, 1], at least 64 frames, resized to 64. */
export const pretrainingCrop: TemporalCropOptions = {
  ratioRange: [0.1, 1],
  minCropFrames: 64,
  outputFrames: 64,
};

/** Training crop of the references' linear evaluation: ratio in [0.5, 1]. */
export const linearEvaluationCrop: TemporalCropOptions = {
  ratioRange: [0.5, 1],
  minCropFrames: 64,
  outputFrames: 64,
};

/**
 * The valid frame count actually usable in `clip`: NTU/PKU `num_frame` can exceed the 300 stored
 * frames (the references cap it at 300), and an empty clip still has its first (zero) frame, so
 * that crops of degenerate clips are a constant clip instead of an error or NaN.
 */
export function usableFrames(clip: Clip, validFrames: number): number {
  if (Number.isNaN(validFrames)) throw new RangeError('validFrames is NaN');
  return Math.min(Math.max(Math.floor(validFrames), 1), clip.frames);
}

/**
 * Random temporal crop-resize of the references (ISC `temporal_cropresize`, reused by HaLP):
 *
 *     ratio ~ U(low, high)
 *     L = min(max(⌊n · ratio⌋, minCropFrames), n)        n = valid frames
 *     start ~ U{0, …, n − L}
 *     output = linear resampling of frames [start, start + L) to `outputFrames`
 *
 * Only valid frames are ever sampled. Clips shorter than `minCropFrames` are used whole (and
 * stretched to `outputFrames`).
 */
export function randomTemporalCropResize(
  clip: Clip,
  validFrames: number,
  random: Random,
  options: TemporalCropOptions = pretrainingCrop,
): Clip {
  const [low, high] = options.ratioRange;
  if (!(low >= 0 && low <= high))
    throw new RangeError(`ratioRange must satisfy 0 ≤ low ≤ high, got [${low}, ${high}]`);
  const frames = usableFrames(clip, validFrames);
  const ratio = uniform(random, low, high);
  const length = Math.min(Math.max(Math.floor(frames * ratio), options.minCropFrames), frames);
  const start = uniformInt(random, frames - length + 1);
  return resampleFrames(clip, start, length, options.outputFrames);
}

/**
 * Deterministic centre crop of the references' evaluation feeders (`crop_subsequence` with
 * `l_ratio = [0.95]`): drop ⌊(1 − ratio) · n / 2⌋ frames at each end of the valid frames, then
 * resample to `outputFrames`.
 */
export function centerCropResize(clip: Clip, validFrames: number, ratio = 0.95, outputFrames = 64): Clip {
  if (!(ratio > 0 && ratio <= 1)) throw new RangeError(`centre crop ratio must be in (0, 1], got ${ratio}`);
  const frames = usableFrames(clip, validFrames);
  const start = Math.floor(((1 - ratio) * frames) / 2);
  return resampleFrames(clip, start, frames - 2 * start, outputFrames);
}
