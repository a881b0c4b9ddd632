import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipIndex } from '../src/clip.js';
import { kinect25 } from '../src/layouts/kinect25.js';
import { bone, modalities, motion, toModality } from '../src/modalities/index.js';
import { arbitraryClip, clipOf } from './augment-support.js';

const kinectClip = arbitraryClip({ maxJoints: 1, maxFrames: 8 }).map((small) =>
  clipOf(
    { channels: 3, frames: small.frames, joints: 25, bodies: small.bodies },
    (i) => small.data[i % small.data.length]! + i * 0.01,
  ),
);

describe('motion', () => {
  it('is x[t+1] − x[t] with the last frame zero', () => {
    fc.assert(
      fc.property(arbitraryClip(), (clip) => {
        const out = motion(clip);
        for (let c = 0; c < 3; c += 1) {
          for (let v = 0; v < clip.joints; v += 1) {
            for (let m = 0; m < clip.bodies; m += 1) {
              expect(out.data[clipIndex(out, c, clip.frames - 1, v, m)]).toBe(0);
              for (let t = 0; t + 1 < clip.frames; t += 1) {
                const expected = Math.fround(
                  clip.data[clipIndex(clip, c, t + 1, v, m)]! - clip.data[clipIndex(clip, c, t, v, m)]!,
                );
                expect(out.data[clipIndex(out, c, t, v, m)]).toBe(expected);
              }
            }
          }
        }
      }),
    );
  });

  it('of a clip constant in time is zero', () => {
    const still = clipOf(
      { channels: 3, frames: 5, joints: 2, bodies: 1 },
      (i) => [1, 2, 3][Math.floor(i / 10)]!,
    );
    expect(motion(still).data.every((value) => value === 0)).toBe(true);
  });
});

describe('bone', () => {
  it('is zero at the root and joint − parent elsewhere, following the NTU bone list', () => {
    fc.assert(
      fc.property(kinectClip, (clip) => {
        const out = bone(clip, kinect25);
        for (let c = 0; c < 3; c += 1) {
          for (let m = 0; m < clip.bodies; m += 1) {
            // 1-based (21, 21) is the root; (5, 21) makes joint 4's parent joint 20; (23, 8) 22's parent 7.
            expect(out.data[clipIndex(out, c, 0, 20, m)]).toBe(0);
            for (const [child, parent] of [
              [4, 20],
              [22, 7],
              [0, 1],
            ] as const) {
              const expected = Math.fround(
                clip.data[clipIndex(clip, c, 0, child, m)]! - clip.data[clipIndex(clip, c, 0, parent, m)]!,
              );
              expect(out.data[clipIndex(out, c, 0, child, m)]).toBe(expected);
            }
          }
        }
      }),
    );
  });

  it('rejects a clip whose joint count is not the layout’s', () => {
    expect(() =>
      bone(
        clipOf({ channels: 3, frames: 1, joints: 3, bodies: 1 }, () => 1),
        kinect25,
      ),
    ).toThrow(RangeError);
  });
});

describe('toModality', () => {
  it('dispatches to the joint clip itself, motion and bone', () => {
    fc.assert(
      fc.property(kinectClip, (clip) => {
        expect(toModality(clip, 'joint', kinect25)).toBe(clip);
        expect(toModality(clip, 'motion', kinect25).data).toEqual(motion(clip).data);
        expect(toModality(clip, 'bone', kinect25).data).toEqual(bone(clip, kinect25).data);
      }),
      { numRuns: 20 },
    );
    expect(modalities).toEqual(['joint', 'motion', 'bone']);
  });
});
