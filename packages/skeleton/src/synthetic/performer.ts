import { forkRandom, normal, type Random, uniform, uniformInt, weightedIndex } from '@halp/random';
import type { PerformanceStyle } from './actions.js';
import { type ArmPose, type BodyProportions, randomProportions } from './body-model.js';

/** A synthetic subject: body, habits and handedness, fixed across all their recordings. */
export interface Performer {
  readonly proportions: BodyProportions;
  readonly tempo: number;
  readonly amplitude: number;
  readonly dominant: 'left' | 'right';
  /** Habitual forward lean of the trunk, radians. */
  readonly lean: number;
}

/** Performer `id` of a dataset seeded by `root` (independent of how many performers there are). */
export function createPerformer(root: Random, id: number): Performer {
  const random = forkRandom(root, `performer ${id}`);
  return {
    proportions: randomProportions(random),
    tempo: uniform(random, 0.7, 1.4),
    amplitude: uniform(random, 0.75, 1.2),
    dominant: random.nextFloat() < 0.85 ? 'right' : 'left',
    lean: normal(random, 0, 0.06),
  };
}

/** Idle arm poses: hanging, hand on the hip, hands together in front, arm held slightly out. */
const idleArms: readonly ArmPose[] = [
  { upper: { elevation: 0.12, azimuth: 0.4 }, fore: { elevation: 0.3, azimuth: 1.2 } },
  { upper: { elevation: 0.6, azimuth: -0.4 }, fore: { elevation: 0.8, azimuth: 2.9 } },
  { upper: { elevation: 0.3, azimuth: 1.3 }, fore: { elevation: 1.1, azimuth: 2.3 } },
  { upper: { elevation: 0.35, azimuth: 0.2 }, fore: { elevation: 0.45, azimuth: 0.8 } },
];
const idleArmWeights = [0.4, 0.2, 0.25, 0.15];

/**
 * One performance varies around the performer's habits: ±15 % tempo, ±20 % amplitude, 1–3
 * repetitions, an idle arm pose.
 */
export function performanceStyle(performer: Performer, random: Random): PerformanceStyle {
  return {
    tempo: performer.tempo * uniform(random, 0.85, 1.15),
    amplitude: performer.amplitude * uniform(random, 0.8, 1.2),
    dominant: performer.dominant,
    repetitions: 1 + uniformInt(random, 3),
    idleArm: idleArms[weightedIndex(random, idleArmWeights)]!,
  };
}
