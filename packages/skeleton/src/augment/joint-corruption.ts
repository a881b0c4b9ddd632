import { type Random, sampleWithoutReplacement, uniform } from '@halp/random';
import type { Clip } from '../clip.js';
import { withData } from './augmentation.js';
import { type Matrix3, transformPoints, transpose3 } from './point-transform.js';

export interface JointCorruptionOptions {
  /** How many distinct joints are corrupted (capped at the clip's joint count). */
  readonly joints: number;
  /** Probability of zeroing the chosen joints; otherwise they go through a random linear map. */
  readonly zeroProbability: number;
  /** Entries of the random map are drawn from U(−magnitude, magnitude). */
  readonly magnitude: number;
}

/** The references' setting: 15 joints, zeroed with probability 1/2, map entries in U(−1, 1). */
export const referenceJointCorruption: JointCorruptionOptions = {
  joints: 15,
  zeroProbability: 0.5,
  magnitude: 1,
};

/**
 * Joint corruption of the references (ISC `joint_courruption`): pick `joints` distinct joints;
 * with probability `zeroProbability` set them to zero in every frame and body, otherwise map each
 * of their points through one random 3×3 matrix K with all nine entries U(−1, 1). The reference
 * multiplies row vectors (p ↦ p·K); since K's entries are i.i.d. that is the same distribution as
 * K·p, but the row form is kept so that a given K means the same thing here and there.
 */
export function jointCorruption(
  clip: Clip,
  random: Random,
  options: JointCorruptionOptions = referenceJointCorruption,
): Clip {
  const zero = random.nextFloat() < options.zeroProbability;
  const chosen = new Uint8Array(clip.joints);
  for (const joint of sampleWithoutReplacement(random, clip.joints, Math.min(options.joints, clip.joints))) {
    chosen[joint] = 1;
  }
  if (zero) return zeroJoints(clip, chosen);
  const draw = () => uniform(random, -options.magnitude, options.magnitude);
  const rowMap: Matrix3 = [draw(), draw(), draw(), draw(), draw(), draw(), draw(), draw(), draw()];
  return transformPoints(clip, transpose3(rowMap), chosen);
}

function zeroJoints(clip: Clip, chosen: Uint8Array): Clip {
  const output = new Float32Array(clip.data);
  const rows = clip.channels * clip.frames;
  for (let row = 0; row < rows; row += 1) {
    for (let v = 0; v < clip.joints; v += 1) {
      if (chosen[v] === 1)
        output.fill(0, (row * clip.joints + v) * clip.bodies, (row * clip.joints + v + 1) * clip.bodies);
    }
  }
  return withData(clip, output);
}
