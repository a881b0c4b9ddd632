import { normal, type Random, uniform } from '@halp/random';

/** Segment lengths of one performer, metres. */
export interface BodyProportions {
  readonly lowerSpine: number;
  readonly upperSpine: number;
  readonly neck: number;
  readonly head: number;
  readonly shoulderHalfWidth: number;
  readonly upperArm: number;
  readonly forearm: number;
  readonly hand: number;
  readonly handTip: number;
  readonly thumb: number;
  readonly hipHalfWidth: number;
  readonly thigh: number;
  readonly shin: number;
  readonly foot: number;
}

/** Proportions of a 1.70 m adult as a Kinect v2 reports them. */
const averageProportions: BodyProportions = {
  lowerSpine: 0.22,
  upperSpine: 0.25,
  neck: 0.08,
  head: 0.13,
  shoulderHalfWidth: 0.18,
  upperArm: 0.28,
  forearm: 0.25,
  hand: 0.07,
  handTip: 0.06,
  thumb: 0.05,
  hipHalfWidth: 0.09,
  thigh: 0.42,
  shin: 0.41,
  foot: 0.14,
};

/** A performer's body: overall scale U(0.85, 1.12), then every segment jittered by N(0, 4 %). */
export function randomProportions(random: Random): BodyProportions {
  const scale = uniform(random, 0.85, 1.12);
  const entries = Object.entries(averageProportions).map(([segment, length]) => [
    segment,
    length * scale * Math.max(0.85, 1 + normal(random, 0, 0.04)),
  ]);
  return Object.fromEntries(entries) as unknown as BodyProportions;
}

/** Direction of a limb segment: elevation from hanging straight down, azimuth from sideways. */
export interface SegmentAngles {
  /** 0 = pointing down, π/2 = horizontal, π = up; negative swings backwards. */
  readonly elevation: number;
  /** 0 = out to the body's side, π/2 = forwards, beyond π/2 = across the body. */
  readonly azimuth: number;
}

export interface ArmPose {
  readonly upper: SegmentAngles;
  readonly fore: SegmentAngles;
}

export interface LegPose {
  /** Forward flexion of the thigh at the hip. */
  readonly hipFlexion: number;
  /** Outward swing of the leg. */
  readonly hipAbduction: number;
  /** Knee bend (shin swings back relative to the thigh). */
  readonly kneeFlexion: number;
}

/**
 * A full-body pose in the performer's own frame: x to the performer's left, y up, z forwards
 * (right-handed). Angles in radians, offsets in metres.
 */
export interface BodyPose {
  /** Translation after the feet are put on the floor (jumps, steps). */
  readonly offset: readonly [number, number, number];
  /** Rotation of the whole body about the vertical. */
  readonly yaw: number;
  /** Forward bend of the trunk at the pelvis. */
  readonly trunkPitch: number;
  /** Rotation of the trunk about the vertical relative to the pelvis. */
  readonly trunkTwist: number;
  readonly headPitch: number;
  readonly leftArm: ArmPose;
  readonly rightArm: ArmPose;
  readonly leftLeg: LegPose;
  readonly rightLeg: LegPose;
}

const restArm: ArmPose = { upper: { elevation: 0.12, azimuth: 0.4 }, fore: { elevation: 0.3, azimuth: 1.2 } };
const restLeg: LegPose = { hipFlexion: 0, hipAbduction: 0.05, kneeFlexion: 0.05 };

/** Standing upright, arms relaxed. */
export const restPose: BodyPose = {
  offset: [0, 0, 0],
  yaw: 0,
  trunkPitch: 0,
  trunkTwist: 0,
  headPitch: 0,
  leftArm: restArm,
  rightArm: restArm,
  leftLeg: restLeg,
  rightLeg: restLeg,
};

type Vector = [number, number, number];
/** Rotation as a function, composed from yaw (about y) and pitch (about x). */
type Rotate = (v: Vector) => Vector;

function yawPitch(yaw: number, pitch: number): Rotate {
  const cy = Math.cos(yaw);
  const sy = Math.sin(yaw);
  const cp = Math.cos(pitch);
  const sp = Math.sin(pitch);
  return ([x, y, z]) => {
    // Pitch about x (positive bends +y towards +z), then yaw about y.
    const y1 = cp * y - sp * z;
    const z1 = sp * y + cp * z;
    return [cy * x + sy * z1, y1, -sy * x + cy * z1];
  };
}

function segmentDirection(angles: SegmentAngles, side: number): Vector {
  const s = Math.sin(angles.elevation);
  return [side * s * Math.cos(angles.azimuth), -Math.cos(angles.elevation), s * Math.sin(angles.azimuth)];
}

function add(a: Vector, b: Vector, scale = 1): Vector {
  return [a[0] + scale * b[0], a[1] + scale * b[1], a[2] + scale * b[2]];
}

/** Kinect-25 joints of a body side: [shoulder, elbow, wrist, hand, tip, thumb, hip, knee, ankle, foot]. */
const leftJoints = [4, 5, 6, 7, 21, 22, 12, 13, 14, 15] as const;
const rightJoints = [8, 9, 10, 11, 23, 24, 16, 17, 18, 19] as const;
const floorJoints = [14, 15, 18, 19] as const;

/**
 * Forward kinematics on the Kinect-25 tree: writes the 25 joints (x, y, z interleaved,
 * `target[3·v + c]`) of `pose` for a body with `proportions`, the lowest ankle or foot on the
 * floor (y = 0), then shifted by `pose.offset`.
 */
export function poseJoints(pose: BodyPose, proportions: BodyProportions, target: Float64Array): void {
  const p = proportions;
  const pelvis = yawPitch(pose.yaw, 0);
  const trunk = yawPitch(pose.yaw + pose.trunkTwist, pose.trunkPitch);
  const head = yawPitch(pose.yaw + pose.trunkTwist, pose.trunkPitch + pose.headPitch);
  const set = (joint: number, v: Vector) => {
    target[3 * joint] = v[0];
    target[3 * joint + 1] = v[1];
    target[3 * joint + 2] = v[2];
  };
  const base: Vector = [0, 0, 0];
  const mid = add(base, trunk([0, p.lowerSpine, 0]));
  const shoulders = add(mid, trunk([0, p.upperSpine, 0]));
  const neck = add(shoulders, head([0, p.neck, 0]));
  set(0, base);
  set(1, mid);
  set(20, shoulders);
  set(2, neck);
  set(3, add(neck, head([0, p.head, 0.02])));
  for (const [side, joints, arm, leg] of [
    [1, leftJoints, pose.leftArm, pose.leftLeg],
    [-1, rightJoints, pose.rightArm, pose.rightLeg],
  ] as const) {
    const shoulder = add(shoulders, trunk([side * p.shoulderHalfWidth, -0.03, 0]));
    const elbow = add(shoulder, trunk(segmentDirection(arm.upper, side)), p.upperArm);
    const foreDirection = trunk(segmentDirection(arm.fore, side));
    const wrist = add(elbow, foreDirection, p.forearm);
    const hand = add(wrist, foreDirection, p.hand);
    set(joints[0], shoulder);
    set(joints[1], elbow);
    set(joints[2], wrist);
    set(joints[3], hand);
    set(joints[4], add(hand, foreDirection, p.handTip));
    // Same azimuth, 0.5 rad more elevation: a fixed angle to the hand, so the thumb moves rigidly.
    const thumbAngles = { elevation: arm.fore.elevation + 0.5, azimuth: arm.fore.azimuth };
    set(joints[5], add(hand, trunk(segmentDirection(thumbAngles, side)), p.thumb));
    const hip = add(base, pelvis([side * p.hipHalfWidth, -0.07, 0]));
    const thigh = pelvis([
      side * Math.sin(leg.hipAbduction),
      -Math.cos(leg.hipFlexion) * Math.cos(leg.hipAbduction),
      Math.sin(leg.hipFlexion) * Math.cos(leg.hipAbduction),
    ]);
    const knee = add(hip, thigh, p.thigh);
    const shinPitch = leg.hipFlexion - leg.kneeFlexion;
    const shin = pelvis([
      side * Math.sin(leg.hipAbduction),
      -Math.cos(shinPitch) * Math.cos(leg.hipAbduction),
      Math.sin(shinPitch) * Math.cos(leg.hipAbduction),
    ]);
    const ankle = add(knee, shin, p.shin);
    set(joints[6], hip);
    set(joints[7], knee);
    set(joints[8], ankle);
    set(joints[9], add(ankle, pelvis([0, -0.05, p.foot])));
  }
  let floor = Number.POSITIVE_INFINITY;
  for (const joint of floorJoints) floor = Math.min(floor, target[3 * joint + 1]!);
  for (let v = 0; v < 25; v += 1) {
    target[3 * v] += pose.offset[0];
    target[3 * v + 1] += pose.offset[1] - floor;
    target[3 * v + 2] += pose.offset[2];
  }
}
