import { type ArmPose, type BodyPose, type LegPose, restPose, type SegmentAngles } from './body-model.js';
import { lerp, plateau, pulses, smoothstep } from './motion-curves.js';

/** How one performer performs one action once. */
export interface PerformanceStyle {
  /** Speed factor: > 1 is faster (shorter clips). */
  readonly tempo: number;
  /** Range-of-motion factor around 1. */
  readonly amplitude: number;
  /** Side of the hand and foot used for one-sided actions (kick, punch lead, point, turn direction). */
  readonly dominant: 'left' | 'right';
  /** Number of repetitions of periodic actions (waves, claps, jumps, squats, …). */
  readonly repetitions: number;
  /** Where this performer keeps an arm the action does not use (hanging, on the hip, …). */
  readonly idleArm: ArmPose;
}

/**
 * A synthetic action class: its typical duration and the pose(s) at every point of the action.
 * Two-person actions return [performer, partner], each in its own frame (facing each other is the
 * generator's job).
 */
export interface ActionDefinition {
  readonly name: string;
  readonly persons: 1 | 2;
  /** Duration at tempo 1 with 2 repetitions, seconds. */
  readonly seconds: number;
  pose(progress: number, style: PerformanceStyle): readonly BodyPose[];
}

function arm(
  upperElevation: number,
  upperAzimuth: number,
  foreElevation: number,
  foreAzimuth: number,
): ArmPose {
  return {
    upper: { elevation: upperElevation, azimuth: upperAzimuth },
    fore: { elevation: foreElevation, azimuth: foreAzimuth },
  };
}

function mixAngles(from: SegmentAngles, to: SegmentAngles, amount: number): SegmentAngles {
  return {
    elevation: lerp(from.elevation, to.elevation, amount),
    azimuth: lerp(from.azimuth, to.azimuth, amount),
  };
}

/** The arm moved `amount` of the way from the performer's idle arm to `target`. */
function fromRest(style: PerformanceStyle, target: ArmPose, amount: number): ArmPose {
  return {
    upper: mixAngles(style.idleArm.upper, target.upper, amount),
    fore: mixAngles(style.idleArm.fore, target.fore, amount),
  };
}

/** Standing with both arms idle. */
function stance(style: PerformanceStyle): BodyPose {
  return { ...restPose, leftArm: style.idleArm, rightArm: style.idleArm };
}

function leg(hipFlexion: number, kneeFlexion: number, hipAbduction = restPose.leftLeg.hipAbduction): LegPose {
  return { hipFlexion, hipAbduction, kneeFlexion };
}

/** Places `active` on the dominant side and `other` on the other. */
function arms(style: PerformanceStyle, active: ArmPose, other: ArmPose = style.idleArm) {
  return style.dominant === 'left'
    ? { leftArm: active, rightArm: other }
    : { leftArm: other, rightArm: active };
}

function legs(style: PerformanceStyle, active: LegPose, other: LegPose = restPose.leftLeg) {
  return style.dominant === 'left'
    ? { leftLeg: active, rightLeg: other }
    : { leftLeg: other, rightLeg: active };
}

function wave(side: 'left' | 'right'): ActionDefinition {
  return {
    name: `wave ${side} hand`,
    persons: 1,
    seconds: 3,
    pose(u, style) {
      const raised = plateau(u);
      const swing = 0.45 * style.amplitude * Math.sin(2 * Math.PI * (style.repetitions + 1) * u) * raised;
      const waving = fromRest(style, arm(1.75 + 0.2 * style.amplitude, 0.5, 2.75, 0.55 + swing), raised);
      return [{ ...stance(style), ...arms({ ...style, dominant: side }, waving) }];
    },
  };
}

const clap: ActionDefinition = {
  name: 'clap',
  persons: 1,
  seconds: 2.5,
  pose(u, style) {
    const raised = plateau(u);
    const together = 0.5 + 0.5 * Math.cos(2 * Math.PI * (style.repetitions + 2) * u);
    const clapping = fromRest(
      style,
      arm(0.95, 1.2, 1.45, lerp(1.25, 1.25 + 0.75 * style.amplitude, together)),
      raised,
    );
    return [{ ...stance(style), leftArm: clapping, rightArm: clapping }];
  },
};

const jump: ActionDefinition = {
  name: 'jump',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const phase = (u * style.repetitions) % 1;
    const crouch =
      phase < 0.3
        ? Math.sin((Math.PI * phase) / 0.3)
        : phase > 0.7
          ? Math.sin((Math.PI * (phase - 0.7)) / 0.3)
          : 0;
    const flight = phase >= 0.3 && phase <= 0.7 ? Math.sin((Math.PI * (phase - 0.3)) / 0.4) : 0;
    const bent = leg(0.7 * crouch, 1.3 * crouch);
    const swing = arm(0.12 + 1.3 * flight - 0.4 * crouch, 1.4, 0.3 + 1.3 * flight, 1.4);
    return [
      {
        ...stance(style),
        offset: [0, 0.25 * style.amplitude * flight, 0],
        trunkPitch: 0.3 * crouch,
        leftArm: swing,
        rightArm: swing,
        leftLeg: bent,
        rightLeg: bent,
      },
    ];
  },
};

const squat: ActionDefinition = {
  name: 'squat',
  persons: 1,
  seconds: 3.5,
  pose(u, style) {
    const depth = Math.min(1, style.amplitude) * pulses(u, style.repetitions);
    const bent = leg(1.0 * depth, 1.9 * depth);
    const forward = fromRest(style, arm(1.5, 1.5, 1.5, 1.5), depth);
    return [
      {
        ...stance(style),
        trunkPitch: 0.45 * depth,
        leftArm: forward,
        rightArm: forward,
        leftLeg: bent,
        rightLeg: bent,
      },
    ];
  },
};

const kick: ActionDefinition = {
  name: 'kick',
  persons: 1,
  seconds: 2.5,
  pose(u, style) {
    const lift = pulses(u, style.repetitions);
    const kicking = leg(1.25 * style.amplitude * lift, 1.2 * lift - 1.0 * lift * lift);
    const balance = fromRest(style, arm(0.6, 0.3, 0.7, 0.5), lift);
    return [
      {
        ...stance(style),
        trunkPitch: -0.15 * lift,
        leftArm: balance,
        rightArm: balance,
        ...legs(style, kicking),
      },
    ];
  },
};

const walkInPlace: ActionDefinition = {
  name: 'walk in place',
  persons: 1,
  seconds: 3.5,
  pose(u, style) {
    const phase = Math.PI * (2 * style.repetitions + 2) * u;
    const leftStep = Math.max(0, Math.sin(phase)) * style.amplitude;
    const rightStep = Math.max(0, -Math.sin(phase)) * style.amplitude;
    const swing = 0.4 * style.amplitude * Math.sin(phase);
    return [
      {
        ...stance(style),
        offset: [0, 0.02 * Math.abs(Math.sin(phase)), 0],
        leftArm: arm(-swing, Math.PI / 2, 0.3 - swing, 1.5),
        rightArm: arm(swing, Math.PI / 2, 0.3 + swing, 1.5),
        leftLeg: leg(0.6 * leftStep, 1.1 * leftStep),
        rightLeg: leg(0.6 * rightStep, 1.1 * rightStep),
      },
    ];
  },
};

const bow: ActionDefinition = {
  name: 'bow',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const depth = pulses(u, Math.max(1, style.repetitions - 1));
    return [{ ...stance(style), trunkPitch: 0.85 * style.amplitude * depth, headPitch: 0.25 * depth }];
  },
};

const raiseArms: ActionDefinition = {
  name: 'raise both arms',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const raised = Math.min(1, 1.6 * pulses(u, Math.max(1, style.repetitions - 1)));
    const up = fromRest(
      style,
      arm(2.55 + 0.3 * style.amplitude, 0.3, 2.8 + 0.2 * style.amplitude, 0.3),
      raised,
    );
    return [{ ...stance(style), leftArm: up, rightArm: up }];
  },
};

const punch: ActionDefinition = {
  name: 'punch',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const punches = 2 * style.repetitions + 1;
    const index = Math.min(Math.floor(u * punches), punches - 1);
    const extension = pulses(u, punches) * style.amplitude;
    const guard = arm(0.55, 1.35, 1.65, 2.3);
    const guardUp = fromRest(style, guard, smoothstep(0, 0.1, u) * (1 - smoothstep(0.92, 1, u)));
    const striking: ArmPose = {
      upper: mixAngles(guard.upper, { elevation: 1.5, azimuth: 1.6 }, extension),
      fore: mixAngles(guard.fore, { elevation: 1.5, azimuth: 1.6 }, extension),
    };
    const leadIsDominant = index % 2 === 0;
    const side = leadIsDominant === (style.dominant === 'right') ? 'right' : 'left';
    const twist = (side === 'right' ? 0.3 : -0.3) * extension;
    return [
      { ...stance(style), trunkTwist: twist, ...arms({ ...style, dominant: side }, striking, guardUp) },
    ];
  },
};

const turnAround: ActionDefinition = {
  name: 'turn around',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const direction = style.dominant === 'right' ? -1 : 1;
    const step = Math.max(0, Math.sin(2 * Math.PI * 3 * u)) * (1 - Math.abs(2 * u - 1));
    return [
      {
        ...stance(style),
        yaw: direction * Math.PI * Math.min(1, style.amplitude) * smoothstep(0.1, 0.9, u),
        leftLeg: leg(0.4 * step, 0.8 * step),
        rightLeg: leg(0.4 * (1 - step) * smoothstep(0.2, 0.3, u), 0.3 * (1 - step)),
      },
    ];
  },
};

const point: ActionDefinition = {
  name: 'point forward',
  persons: 1,
  seconds: 2.5,
  pose(u, style) {
    const raised = plateau(u);
    const pointing = fromRest(
      style,
      arm(1.55 + 0.2 * style.amplitude, 1.2, 1.65 + 0.2 * style.amplitude, 1.25),
      raised,
    );
    return [{ ...stance(style), headPitch: -0.1 * raised, ...arms(style, pointing) }];
  },
};

const handshake: ActionDefinition = {
  name: 'handshake',
  persons: 2,
  seconds: 3.5,
  pose(u, style) {
    const reach = plateau(u);
    const shake = 0.15 * style.amplitude * Math.sin(2 * Math.PI * (style.repetitions + 2) * u) * reach;
    const shaking = fromRest(style, arm(0.9, 1.45, 1.4 + shake, 1.75), reach);
    const person: BodyPose = { ...stance(style), trunkPitch: 0.08 * reach, rightArm: shaking };
    return [person, person];
  },
};

const push: ActionDefinition = {
  name: 'push',
  persons: 2,
  seconds: 3,
  pose(u, style) {
    const extend = smoothstep(0.2, 0.45, u) * (1 - smoothstep(0.75, 0.95, u));
    const pushed = smoothstep(0.4, 0.65, u) * style.amplitude;
    const pushing = fromRest(style, arm(1.45, 1.5, 1.5, 1.55), extend);
    const flail = fromRest(style, arm(0.9, 0.6, 1.4, 0.6), pushed * (1 - smoothstep(0.75, 1, u)));
    return [
      {
        ...stance(style),
        offset: [0, 0, 0.15 * extend],
        trunkPitch: 0.2 * extend,
        leftArm: pushing,
        rightArm: pushing,
      },
      {
        ...stance(style),
        offset: [0, 0, -0.35 * pushed],
        trunkPitch: -0.25 * pushed * (1 - smoothstep(0.7, 1, u)),
        leftArm: flail,
        rightArm: flail,
      },
    ];
  },
};

const raiseHand: ActionDefinition = {
  name: 'raise hand',
  persons: 1,
  seconds: 2.5,
  pose(u, style) {
    const raised = plateau(u);
    const up = fromRest(
      style,
      arm(2.6 + 0.25 * style.amplitude, 0.6, 2.75 + 0.2 * style.amplitude, 0.5),
      raised,
    );
    return [{ ...stance(style), ...arms(style, up) }];
  },
};

const pickUp: ActionDefinition = {
  name: 'pick up',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const down = pulses(u, 1);
    const bent = leg(0.45 * down, 0.8 * down);
    const reach = fromRest(style, arm(1.0, 1.45, 0.9, 1.5), down);
    return [
      {
        ...stance(style),
        trunkPitch: 0.95 * Math.min(1, style.amplitude) * down,
        ...arms(style, reach),
        leftLeg: bent,
        rightLeg: bent,
      },
    ];
  },
};

const rubHands: ActionDefinition = {
  name: 'rub hands',
  persons: 1,
  seconds: 3,
  pose(u, style) {
    const raised = plateau(u);
    const circle = 2 * Math.PI * (style.repetitions + 3) * u;
    const rub = (phase: number) =>
      fromRest(style, arm(0.75 + 0.08 * Math.sin(phase), 1.3, 1.3 + 0.12 * Math.cos(phase), 2.05), raised);
    return [
      { ...stance(style), headPitch: 0.15 * raised, leftArm: rub(circle), rightArm: rub(circle + Math.PI) },
    ];
  },
};

const hug: ActionDefinition = {
  name: 'hug',
  persons: 2,
  seconds: 3.5,
  pose(u, style) {
    const close = plateau(u);
    const embrace = fromRest(style, arm(1.35, 1.1, 1.45, 2.35 + 0.2 * style.amplitude), close);
    const person: BodyPose = {
      ...stance(style),
      offset: [0, 0, 0.25 * close],
      trunkPitch: 0.15 * close,
      leftArm: embrace,
      rightArm: embrace,
    };
    return [person, person];
  },
};

/** The built-in action classes; a class's label is its index here. */
export const syntheticActions: readonly ActionDefinition[] = [
  wave('right'),
  wave('left'),
  clap,
  jump,
  squat,
  kick,
  walkInPlace,
  bow,
  raiseArms,
  punch,
  turnAround,
  point,
  handshake,
  push,
  raiseHand,
  pickUp,
  rubHands,
  hug,
];
