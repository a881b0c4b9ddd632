import { normal, type Random } from '@halp/random';
import type { Clip } from '../clip.js';
import { withData } from './augmentation.js';
import { bodyPresence } from './presence.js';

/**
 * Adds i.i.d. N(0, σ²) noise to every coordinate of every body that is present (see
 * {@link bodyPresence}): absent bodies and padding frames stay exactly zero, so the noise does not
 * invent a second person. σ is in the clip's units (metres for NTU/PKU).
 */
export function gaussianNoise(clip: Clip, random: Random, standardDeviation = 0.01): Clip {
  if (!(standardDeviation >= 0) || !Number.isFinite(standardDeviation)) {
    throw new RangeError(`noise standard deviation must be finite and ≥ 0, got ${standardDeviation}`);
  }
  const present = bodyPresence(clip);
  const output = new Float32Array(clip.data);
  const stride = clip.frames * clip.joints * clip.bodies;
  for (let c = 0; c < clip.channels; c += 1) {
    for (let p = 0; p < stride; p += 1) {
      const frame = Math.floor(p / (clip.joints * clip.bodies));
      if (present[frame * clip.bodies + (p % clip.bodies)] === 1) {
        output[c * stride + p] += normal(random, 0, standardDeviation);
      }
    }
  }
  return withData(clip, output);
}
