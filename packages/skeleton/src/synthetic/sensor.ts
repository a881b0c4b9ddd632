import { normal, type Random, uniformInt } from '@halp/random';
import { kinect25 } from '../layouts/kinect25.js';

/** Joints a Kinect most often loses track of: hands, thumbs, hand tips, wrists and feet. */
const fragileJoints = [6, 7, 10, 11, 15, 19, 21, 22, 23, 24] as const;

export interface SensorModel {
  /** Standard deviation of the per-coordinate jitter, metres (depth gets twice this). */
  readonly jitter: number;
  /** Probability that a clip has a tracking dropout of one joint. */
  readonly dropoutProbability: number;
  /**
   * How far behind the spine (in depth) a joint must be to count as fully hidden by the body,
   * metres; hidden joints are tracked worse (see {@link degradeTrack}).
   */
  readonly occlusionDepth: number;
}

export const kinectLikeSensor: SensorModel = { jitter: 0.015, dropoutProbability: 0.5, occlusionDepth: 0.15 };

const spineMid = 1;

/**
 * Degrades one body's camera-space track in place, as a Kinect would; `track[(t · 25 + v) · 3 + c]`
 * over `frames` frames.
 * - Self-occlusion: a joint behind the spine by a fraction w ∈ [0, 1] of `occlusionDepth` is pulled
 *   30 %·w towards its parent and gets (1 + 3w)× the jitter, so the arm turned away from a side
 *   camera is tracked worse than in the front view.
 * - Dropout: with `dropoutProbability`, one fragile joint collapses onto its parent (Kinect's
 *   "inferred" state) for 5–24 frames.
 * - Jitter: Gaussian, σ = `jitter` (2σ along depth).
 */
export function degradeTrack(track: Float64Array, frames: number, sensor: SensorModel, random: Random): void {
  if (random.nextFloat() < sensor.dropoutProbability) {
    const joint = fragileJoints[uniformInt(random, fragileJoints.length)]!;
    const parent = kinect25.parents[joint]!;
    const length = Math.min(frames, 5 + uniformInt(random, 20));
    const start = uniformInt(random, frames - length + 1);
    for (let t = start; t < start + length; t += 1) {
      for (let c = 0; c < 3; c += 1) {
        track[(t * 25 + joint) * 3 + c] = track[(t * 25 + parent) * 3 + c]! + normal(random, 0, 0.02);
      }
    }
  }
  const original = track.slice(0, frames * 75);
  for (let t = 0; t < frames; t += 1) {
    const spineDepth = original[(t * 25 + spineMid) * 3 + 2]!;
    for (let v = 0; v < 25; v += 1) {
      const at = (t * 25 + v) * 3;
      const hidden = Math.min(Math.max((original[at + 2]! - spineDepth) / sensor.occlusionDepth, 0), 1);
      const parentAt = (t * 25 + kinect25.parents[v]!) * 3;
      const noise = sensor.jitter * (1 + 3 * hidden);
      for (let c = 0; c < 3; c += 1) {
        const pulled = original[at + c]! + 0.3 * hidden * (original[parentAt + c]! - original[at + c]!);
        track[at + c] = pulled + normal(random, 0, c === 2 ? 2 * noise : noise);
      }
    }
  }
}
