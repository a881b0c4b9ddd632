import type { Random } from '@halp/random';
import type { Clip } from '../clip.js';

/**
 * A clip-to-clip augmentation: a pure function of the clip and a random stream. It never mutates
 * its input and every draw goes through `random`, so the same clip and the same stream state give
 * the same output.
 */
export type ClipAugmentation = (clip: Clip, random: Random) => Clip;

/**
 * An augmentation that also needs the number of valid (non-padding) frames: temporal crops, which
 * must only sample the recorded part of a zero-padded 300-frame clip.
 */
export type SampleAugmentation = (clip: Clip, validFrames: number, random: Random) => Clip;

/** A clip with the same shape as `clip` and the given data. */
export function withData(clip: Clip, data: Float32Array): Clip {
  return { data, channels: clip.channels, frames: clip.frames, joints: clip.joints, bodies: clip.bodies };
}

/** Throws unless the clip holds 3-D points: spatial transforms are defined on x, y, z. */
export function assertXyz(clip: Clip, operation: string): void {
  if (clip.channels !== 3) {
    throw new RangeError(`${operation} needs a clip with 3 channels (x, y, z), got ${clip.channels}`);
  }
}
