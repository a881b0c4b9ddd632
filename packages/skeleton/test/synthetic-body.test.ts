import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinect25 } from '../src/layouts/kinect25.js';
import {
  cameraTransform,
  poseJoints,
  randomProportions,
  restPose,
  syntheticActions,
} from '../src/synthetic/index.js';

const joint = (positions: Float64Array, v: number) => [
  positions[3 * v]!,
  positions[3 * v + 1]!,
  positions[3 * v + 2]!,
];
const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe('poseJoints', () => {
  it('stands on the floor, upright, with the left side on +x', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const positions = new Float64Array(75);
        poseJoints(restPose, randomProportions(createRandom(seed)), positions);
        const footHeights = [14, 15, 18, 19].map((v) => joint(positions, v)[1]!);
        expect(Math.min(...footHeights)).toBeCloseTo(0, 9);
        expect(joint(positions, 3)[1]).toBeGreaterThan(1.2);
        expect(joint(positions, 4)[0]).toBeGreaterThan(joint(positions, 8)[0]!);
        expect(joint(positions, 12)[0]).toBeGreaterThan(joint(positions, 16)[0]!);
      }),
    );
  });

  it('keeps bone lengths fixed while an action is performed', () => {
    const proportions = randomProportions(createRandom(1));
    const style = {
      tempo: 1,
      amplitude: 1,
      dominant: 'right' as const,
      repetitions: 2,
      idleArm: restPose.leftArm,
    };
    const reference = new Float64Array(75);
    poseJoints(restPose, proportions, reference);
    const positions = new Float64Array(75);
    for (const action of syntheticActions) {
      for (const progress of [0, 0.3, 0.5, 0.8]) {
        poseJoints(action.pose(progress, style)[0]!, proportions, positions);
        kinect25.parents.forEach((parent, v) => {
          expect(distance(joint(positions, v), joint(positions, parent))).toBeCloseTo(
            distance(joint(reference, v), joint(reference, parent)),
            6,
          );
        });
      }
    }
  });
});

describe('cameraTransform', () => {
  it('is a rigid motion with the aim point on the optical axis and the performer’s left on the sensor’s right', () => {
    const toCamera = cameraTransform({ yaw: 0.4, distance: 3, height: 1.2 });
    const out = new Float64Array(3);
    toCamera(0, 0.9, 0, out, 0);
    expect(out[0]).toBeCloseTo(0, 9);
    expect(out[1]).toBeCloseTo(0, 9);
    expect(out[2]).toBeCloseTo(Math.hypot(3, 0.3), 9);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    toCamera(0.3, 1, 0.2, a, 0);
    toCamera(-0.5, 0.2, 0.1, b, 0);
    expect(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)).toBeCloseTo(Math.hypot(0.8, 0.8, 0.1), 9);
    // Facing the sensor, the performer's left (+x in the world) is on the sensor's right (−x in camera space).
    const front = cameraTransform({ yaw: 0, distance: 3, height: 0.9 });
    front(1, 0.9, 0, out, 0);
    expect(out[0]).toBeCloseTo(-1, 9);
  });
});
