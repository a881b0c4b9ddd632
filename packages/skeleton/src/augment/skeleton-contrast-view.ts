import type { Random } from '@halp/random';
import type { Clip } from '../clip.js';
import { jointCorruption } from './joint-corruption.js';
import { shear } from './shear.js';
import { pretrainingCrop, randomTemporalCropResize, type TemporalCropOptions } from './temporal-crop.js';

/**
 * One augmented view as ISC and HaLP make it for pretraining: a random temporal crop-resize to 64
 * frames, then with probability 1/2 a joint corruption, otherwise a shear. Call it twice with one
 * stream (or two forks) for the query and key views.
 */
export function skeletonContrastView(
  clip: Clip,
  validFrames: number,
  random: Random,
  crop: TemporalCropOptions = pretrainingCrop,
): Clip {
  const cropped = randomTemporalCropResize(clip, validFrames, random, crop);
  return random.nextFloat() < 0.5 ? jointCorruption(cropped, random) : shear(cropped, random);
}
