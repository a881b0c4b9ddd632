import { type Random, weightedIndex } from '@halp/random';
import type { ClipAugmentation, SampleAugmentation } from './augmentation.js';

/** Applies the augmentations left to right, all drawing from the same stream. */
export function pipeline(...augmentations: readonly ClipAugmentation[]): ClipAugmentation {
  return (clip, random) => augmentations.reduce((current, augment) => augment(current, random), clip);
}

/** Applies `augmentation` with probability `probability`, otherwise returns the clip unchanged. */
export function withProbability(probability: number, augmentation: ClipAugmentation): ClipAugmentation {
  return (clip, random) => (random.nextFloat() < probability ? augmentation(clip, random) : clip);
}

/**
 * Applies exactly one of the augmentations, chosen with probability proportional to `weights`
 * (uniform when omitted).
 */
export function oneOf(
  augmentations: readonly ClipAugmentation[],
  weights?: readonly number[],
): ClipAugmentation {
  if (augmentations.length === 0) throw new RangeError('oneOf needs at least one augmentation');
  const choiceWeights = weights ?? augmentations.map(() => 1);
  if (choiceWeights.length !== augmentations.length) {
    throw new RangeError(
      `oneOf got ${augmentations.length} augmentations but ${choiceWeights.length} weights`,
    );
  }
  return (clip, random: Random) => augmentations[weightedIndex(random, choiceWeights)]!(clip, random);
}

/** A temporal augmentation (which needs the valid frames) followed by clip augmentations. */
export function afterCrop(
  crop: SampleAugmentation,
  ...augmentations: readonly ClipAugmentation[]
): SampleAugmentation {
  const rest = pipeline(...augmentations);
  return (clip, validFrames, random) => rest(crop(clip, validFrames, random), random);
}
