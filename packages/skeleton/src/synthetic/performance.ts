import { normal, type Random, uniform, uniformInt } from '@halp/random';
import type { ActionDefinition } from './actions.js';
import { poseJoints } from './body-model.js';
import { performanceMannerisms, warpedProgress, withMannerisms } from './mannerisms.js';
import { createPerformer, type Performer, performanceStyle } from './performer.js';

const framesPerSecond = 30;
const joints = 25;

/** World-space joint tracks of one performance: `tracks[m][(t · 25 + v) · 3 + c]`, metres. */
export interface Performance {
  readonly frames: number;
  readonly tracks: readonly Float64Array[];
}

/**
 * One performance of `action` by `performer` (and a random partner for two-person actions), in
 * world space: the action's poses at a warped pace with the performer's mannerisms, 30 fps, idle
 * time of up to 40 % of the action before and after, the body (or pair) placed near the origin
 * facing the front camera within N(0, 0.15) rad. Length clamped to [minFrames, maxFrames].
 */
export function perform(
  action: ActionDefinition,
  performer: Performer,
  random: Random,
  minFrames: number,
  maxFrames: number,
): Performance {
  const style = performanceStyle(performer, random);
  const partner = createPerformer(random, 0);
  const mannerisms = [performanceMannerisms(performer, random), performanceMannerisms(partner, random)];
  const actionFrames = Math.round(
    (framesPerSecond * action.seconds * (0.6 + 0.2 * style.repetitions) * uniform(random, 0.85, 1.15)) /
      style.tempo,
  );
  // Idle time before and after the action: up to 40 % of its length each.
  const idle = Math.floor(0.4 * actionFrames) + 1;
  const leadIn = uniformInt(random, idle);
  const frames = Math.min(Math.max(actionFrames + leadIn + uniformInt(random, idle), minFrames), maxFrames);
  const facing = normal(random, 0, 0.15);
  const position = [uniform(random, -0.2, 0.2), uniform(random, -0.2, 0.2)] as const;
  const gap = uniform(random, 0.85, 1.05);
  // Two people face each other across `gap` metres; one performer stands at the origin.
  const placements =
    action.persons === 2
      ? [
          { z: -gap / 2, yaw: 0 },
          { z: gap / 2, yaw: Math.PI },
        ]
      : [{ z: 0, yaw: 0 }];
  const bodiesOf = [performer, partner];
  const tracks = placements.map(() => new Float64Array(frames * joints * 3));
  const local = new Float64Array(joints * 3);
  for (let t = 0; t < frames; t += 1) {
    const u = Math.min(Math.max((t - leadIn) / Math.max(actionFrames - 1, 1), 0), 1);
    const progress = warpedProgress(u, mannerisms[0]!);
    const poses = action.pose(progress, style);
    placements.forEach((placement, m) => {
      const pose = withMannerisms(poses[m]!, mannerisms[m]!, style.idleArm, progress, t);
      poseJoints(pose, bodiesOf[m]!.proportions, local);
      const yaw = facing + placement.yaw;
      const cos = Math.cos(yaw);
      const sin = Math.sin(yaw);
      for (let v = 0; v < joints; v += 1) {
        const x = local[3 * v]!;
        const z = local[3 * v + 2]! + placement.z;
        const out = (t * joints + v) * 3;
        tracks[m]![out] = cos * x + sin * z + position[0];
        tracks[m]![out + 1] = local[3 * v + 1]!;
        tracks[m]![out + 2] = -sin * x + cos * z + position[1];
      }
    });
  }
  return { frames, tracks };
}
