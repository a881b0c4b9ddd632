import { type Random, uniform } from '@halp/random';
import type { Clip } from '../clip.js';
import { type Matrix3, transformPoints } from './point-transform.js';

/**
 * A random shear of the references (ISC `pose_augmentation`): unit diagonal, off-diagonal entries
 * drawn from U(−magnitude, magnitude) (magnitude 1 in the references):
 *
 *     S = [[1, s01, s02], [s10, 1, s12], [s20, s21, 1]]
 */
export function randomShearMatrix(random: Random, magnitude = 1): Matrix3 {
  const draw = () => uniform(random, -magnitude, magnitude);
  return [1, draw(), draw(), draw(), 1, draw(), draw(), draw(), 1];
}

/** Every point p becomes S·p with S from {@link randomShearMatrix}, as in the references. */
export function shear(clip: Clip, random: Random, magnitude = 1): Clip {
  return transformPoints(clip, randomShearMatrix(random, magnitude));
}
