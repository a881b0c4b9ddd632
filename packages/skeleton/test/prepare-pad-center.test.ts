import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Clip, clipIndex, emptyClip } from '../src/clip.js';
import { centerOnJoint } from '../src/prepare/center-on-joint.js';
import { padEmptyFrames } from '../src/prepare/pad-empty-frames.js';

const FRAMES = 9;
const JOINTS = 3;

/** Frame `t` of a body, as a list of joints' xyz. */
function frame(clip: Clip, t: number, m: number): number[][] {
  return Array.from({ length: clip.joints }, (_, v) =>
    [0, 1, 2].map((c) => clip.data[clipIndex(clip, c, t, v, m)]!),
  );
}
const isEmpty = (f: number[][]) => f.flat().every((value) => value === 0);

/** Two bodies of 3 joints; each frame of each body present or absent; coordinates away from 0. */
const clipArbitrary = fc
  .array(
    fc.option(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 3 * JOINTS, maxLength: 3 * JOINTS })),
    {
      minLength: 2 * FRAMES,
      maxLength: 2 * FRAMES,
    },
  )
  .map((frames) => {
    const clip = emptyClip(3, FRAMES, JOINTS, 2);
    frames.forEach((values, i) => {
      if (values === null) return;
      const [t, m] = [i % FRAMES, Math.floor(i / FRAMES)];
      values.forEach((value, k) => {
        clip.data[clipIndex(clip, k % 3, t, Math.floor(k / 3), m)] = Math.fround(value / 100);
      });
    });
    return clip;
  });

describe('padEmptyFrames', () => {
  it('follows the reference rule on a worked example', () => {
    // Body 0: frames 0-1 present, 2 empty, 3 present, 4-8 empty → 0 1 _ 3 then 0 1 _ 3 0.
    // Body 1: empty at frame 0, present at 2 and 5 → compacted to 2 5, then repeated.
    const clip = emptyClip(3, FRAMES, JOINTS, 2);
    const mark = (t: number, m: number, value: number) => {
      for (let c = 0; c < 3; c++)
        for (let v = 0; v < JOINTS; v++) clip.data[clipIndex(clip, c, t, v, m)] = value;
    };
    for (const t of [0, 1, 3]) mark(t, 0, t + 1);
    for (const t of [2, 5]) mark(t, 1, t + 1);
    const out = padEmptyFrames(clip);
    const marks = (m: number) =>
      Array.from({ length: FRAMES }, (_, t) => out.data[clipIndex(out, 0, t, 0, m)]);
    expect(marks(0)).toEqual([1, 2, 0, 4, 1, 2, 0, 4, 1]);
    expect(marks(1)).toEqual([3, 6, 3, 6, 3, 6, 3, 6, 3]);
  });

  it('keeps the leading frames (compacted if frame 0 is empty), then repeats them', () => {
    fc.assert(
      fc.property(clipArbitrary, (clip) => {
        const out = padEmptyFrames(clip);
        for (let m = 0; m < 2; m++) {
          const before = Array.from({ length: FRAMES }, (_, t) => frame(clip, t, m));
          const after = Array.from({ length: FRAMES }, (_, t) => frame(out, t, m));
          const present = before.filter((f) => !isEmpty(f));
          if (present.length === 0) {
            expect(after.every(isEmpty)).toBe(true);
            continue;
          }
          const leading = isEmpty(before[0]!)
            ? present
            : before.slice(0, before.findLastIndex((f) => !isEmpty(f)) + 1);
          after.forEach((f, t) => {
            expect(f).toEqual(leading[t % leading.length]);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('centerOnJoint', () => {
  it('subtracts body 0’s centre joint in float32 from present joints, keeping absent ones at 0', () => {
    fc.assert(
      fc.property(clipArbitrary, fc.integer({ min: 0, max: JOINTS - 1 }), (clip, center) => {
        const out = centerOnJoint(clip, center);
        for (let t = 0; t < FRAMES; t++) {
          const origin = frame(clip, t, 0)[center]!;
          for (let m = 0; m < 2; m++) {
            const before = frame(clip, t, m);
            const after = frame(out, t, m);
            before.forEach((xyz, v) => {
              const expected = isEmpty([xyz])
                ? [0, 0, 0]
                : xyz.map((value, c) => Math.fround(value - origin[c]!));
              expect(after[v]).toEqual(expected);
            });
          }
          if (!isEmpty(frame(clip, t, 0))) expect(frame(out, t, 0)[center]).toEqual([0, 0, 0]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('leaves an empty clip unchanged', () => {
    const clip = emptyClip(3, FRAMES, JOINTS, 2);
    expect(centerOnJoint(clip, 1).data).toEqual(clip.data);
  });
});
