import { type Random, uniformInt } from '@halp/random';
import type { Clip } from '../clip.js';
import { withData } from './augmentation.js';

/**
 * Temporal masking: zero one random contiguous span of frames whose length is drawn uniformly from
 * 0..⌊maxFraction · T⌋ (all bodies, all joints). Zero is the references' "no skeleton" value, so a
 * masked span reads as a tracking gap.
 */
export function temporalMask(clip: Clip, random: Random, maxFraction = 0.2): Clip {
  if (!(maxFraction >= 0 && maxFraction <= 1)) {
    throw new RangeError(`maxFraction must be in [0, 1], got ${maxFraction}`);
  }
  const length = uniformInt(random, Math.floor(maxFraction * clip.frames) + 1);
  const start = uniformInt(random, clip.frames - length + 1);
  if (length === 0) return clip;
  const output = new Float32Array(clip.data);
  const frameSize = clip.joints * clip.bodies;
  for (let c = 0; c < clip.channels; c += 1) {
    const from = (c * clip.frames + start) * frameSize;
    output.fill(0, from, from + length * frameSize);
  }
  return withData(clip, output);
}
