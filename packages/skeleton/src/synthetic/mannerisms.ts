import { normal, type Random, uniform, uniformInt } from '@halp/random';
import type { ArmPose, BodyPose, LegPose } from './body-model.js';
import { plateau } from './motion-curves.js';
import type { Performer } from './performer.js';

/** A gesture unrelated to the action (touch head, scratch chin, hand to chest). */
const distractorArms: readonly ArmPose[] = [
  { upper: { elevation: 2.1, azimuth: 0.9 }, fore: { elevation: 2.6, azimuth: 2.6 } },
  { upper: { elevation: 0.9, azimuth: 1.3 }, fore: { elevation: 2.5, azimuth: 2.2 } },
  { upper: { elevation: 0.5, azimuth: 1.2 }, fore: { elevation: 1.5, azimuth: 2.6 } },
];

/**
 * Everything about one performance that is not the action: posture, sways of the trunk, head and
 * hips, a personal exaggeration of every joint angle, a slow drift of the body's heading, a pace
 * that is not uniform, and sometimes an unrelated gesture of one arm.
 */
export interface Mannerisms {
  readonly lean: number;
  /** Amplitude, angular frequency (rad/frame) and phase of the trunk twist, trunk pitch, head pitch and sideways (m) sways. */
  readonly sways: readonly {
    readonly amplitude: number;
    readonly frequency: number;
    readonly phase: number;
  }[];
  /** Factor on each limb angle's deviation from the idle pose (arm: 4 angles × 2 sides, leg: 3 × 2). */
  readonly exaggeration: Float64Array;
  /** Heading change over the action, radians. */
  readonly headingDrift: number;
  /** Pace warp strength a: progress(u) = u − a·sin(2πu)/(2π), monotone for |a| < 1. */
  readonly paceWarp: number;
  /** An unrelated gesture: which arm, which pose, when (progress window), how strongly. */
  readonly distractor?: {
    readonly side: 'left' | 'right';
    readonly arm: ArmPose;
    readonly start: number;
    readonly end: number;
    readonly weight: number;
  };
}

const swayScales = [0.08, 0.05, 0.1, 0.02];

export function performanceMannerisms(performer: Performer, random: Random): Mannerisms {
  const sways = swayScales.map((scale) => ({
    amplitude: scale * random.nextFloat(),
    frequency: uniform(random, 0.03, 0.15),
    phase: uniform(random, 0, 2 * Math.PI),
  }));
  const exaggeration = Float64Array.from({ length: 14 }, () => uniform(random, 0.5, 1.5));
  const headingDrift = normal(random, 0, 0.3);
  const paceWarp = uniform(random, -0.6, 0.6);
  const start = uniform(random, 0, 0.7);
  const distractor =
    random.nextFloat() < 0.5
      ? {
          side: random.nextFloat() < 0.5 ? ('left' as const) : ('right' as const),
          arm: distractorArms[uniformInt(random, distractorArms.length)]!,
          start,
          end: start + uniform(random, 0.2, 0.3),
          weight: uniform(random, 0.5, 0.9),
        }
      : undefined;
  return {
    lean: performer.lean,
    sways,
    exaggeration,
    headingDrift,
    paceWarp,
    ...(distractor && { distractor }),
  };
}

function exaggerate(pose: ArmPose, idle: ArmPose, factors: Float64Array, first: number): ArmPose {
  const scale = (angle: number, rest: number, i: number) => rest + (angle - rest) * factors[first + i]!;
  return {
    upper: {
      elevation: scale(pose.upper.elevation, idle.upper.elevation, 0),
      azimuth: scale(pose.upper.azimuth, idle.upper.azimuth, 1),
    },
    fore: {
      elevation: scale(pose.fore.elevation, idle.fore.elevation, 2),
      azimuth: scale(pose.fore.azimuth, idle.fore.azimuth, 3),
    },
  };
}

function exaggerateLeg(pose: LegPose, factors: Float64Array, first: number): LegPose {
  return {
    hipFlexion: pose.hipFlexion * factors[first]!,
    hipAbduction: pose.hipAbduction * factors[first + 1]!,
    kneeFlexion: pose.kneeFlexion * factors[first + 2]!,
  };
}

function blendArm(from: ArmPose, to: ArmPose, weight: number): ArmPose {
  const mix = (a: number, b: number) => a + (b - a) * weight;
  return {
    upper: {
      elevation: mix(from.upper.elevation, to.upper.elevation),
      azimuth: mix(from.upper.azimuth, to.upper.azimuth),
    },
    fore: {
      elevation: mix(from.fore.elevation, to.fore.elevation),
      azimuth: mix(from.fore.azimuth, to.fore.azimuth),
    },
  };
}

/** `pose` (at action progress `progress`, frame `frame`) as this performer does it. */
export function withMannerisms(
  pose: BodyPose,
  mannerisms: Mannerisms,
  idleArm: ArmPose,
  progress: number,
  frame: number,
): BodyPose {
  const sway = (i: number) => {
    const { amplitude, frequency, phase } = mannerisms.sways[i]!;
    return amplitude * Math.sin(frequency * frame + phase);
  };
  const factors = mannerisms.exaggeration;
  let leftArm = exaggerate(pose.leftArm, idleArm, factors, 0);
  let rightArm = exaggerate(pose.rightArm, idleArm, factors, 4);
  const distractor = mannerisms.distractor;
  if (distractor !== undefined) {
    const window = (progress - distractor.start) / (distractor.end - distractor.start);
    const weight =
      distractor.weight * plateau(Math.min(Math.max(window, 0), 1)) * Number(window > 0 && window < 1);
    if (distractor.side === 'left') leftArm = blendArm(leftArm, distractor.arm, weight);
    else rightArm = blendArm(rightArm, distractor.arm, weight);
  }
  return {
    ...pose,
    offset: [pose.offset[0] + sway(3), pose.offset[1], pose.offset[2]],
    yaw: pose.yaw + mannerisms.headingDrift * progress,
    trunkTwist: pose.trunkTwist + sway(0),
    trunkPitch: pose.trunkPitch + mannerisms.lean + sway(1),
    headPitch: pose.headPitch + sway(2),
    leftArm,
    rightArm,
    leftLeg: exaggerateLeg(pose.leftLeg, factors, 8),
    rightLeg: exaggerateLeg(pose.rightLeg, factors, 11),
  };
}

/** Progress through the action at normalised time u ∈ [0, 1], warped by the performer's pace. */
export function warpedProgress(u: number, mannerisms: Mannerisms): number {
  return u - (mannerisms.paceWarp * Math.sin(2 * Math.PI * u)) / (2 * Math.PI);
}
