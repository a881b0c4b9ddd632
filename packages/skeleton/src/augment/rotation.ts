import { type Random, uniform } from '@halp/random';
import type { Clip } from '../clip.js';
import { type Matrix3, multiply3, transformPoints } from './point-transform.js';

/**
 * Rotation by `angle` radians about one coordinate axis (0 = x, 1 = y, 2 = z), right-handed.
 * After the references' pre-normalisation z is the body's vertical axis, so rotations about z
 * change the apparent camera yaw.
 */
export function axisRotation(axis: 0 | 1 | 2, angle: number): Matrix3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  if (axis === 0) return [1, 0, 0, 0, c, -s, 0, s, c];
  if (axis === 1) return [c, 0, s, 0, 1, 0, -s, 0, c];
  return [c, -s, 0, s, c, 0, 0, 0, 1];
}

/**
 * A random rotation R = R_z(γ)·R_y(β)·R_x(α) with each angle drawn from U(−max, max) for its axis
 * (`maxAngles` in radians, [x, y, z]). The rotation augmentation of the field's later skeleton
 * contrastive methods (e.g. CrosSCLR, AimCLR); not part of ISC's or HaLP's own pipeline.
 */
export function randomRotationMatrix(random: Random, maxAngles: readonly [number, number, number]): Matrix3 {
  const alpha = uniform(random, -maxAngles[0], maxAngles[0]);
  const beta = uniform(random, -maxAngles[1], maxAngles[1]);
  const gamma = uniform(random, -maxAngles[2], maxAngles[2]);
  return multiply3(axisRotation(2, gamma), multiply3(axisRotation(1, beta), axisRotation(0, alpha)));
}

/** Rotates every point with {@link randomRotationMatrix}; default ±0.3 rad about each axis. */
export function randomRotation(
  clip: Clip,
  random: Random,
  maxAngles: readonly [number, number, number] = [0.3, 0.3, 0.3],
): Clip {
  return transformPoints(clip, randomRotationMatrix(random, maxAngles));
}
