import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  axisRotation,
  gaussianNoise,
  jointCorruption,
  mirror,
  randomMirror,
  randomRotation,
  randomShearMatrix,
  shear,
  temporalMask,
  transformPoints,
} from '../src/augment/index.js';
import { type Clip, clipIndex } from '../src/clip.js';
import { kinect25 } from '../src/layouts/kinect25.js';
import { allFinite, arbitraryClip, clipOf } from './augment-support.js';

const seeds = fc.integer();

/** The point (x, y, z) of joint v, body m in frame t. */
const pointOf = (clip: Clip, t: number, v: number, m: number) =>
  [0, 1, 2].map((c) => clip.data[clipIndex(clip, c, t, v, m)]!);

/** Joints whose values differ anywhere between two clips of the same shape. */
function changedJoints(a: Clip, b: Clip): Set<number> {
  const changed = new Set<number>();
  for (let i = 0; i < a.data.length; i += 1) {
    if (a.data[i] !== b.data[i]) changed.add(Math.floor(i / a.bodies) % a.joints);
  }
  return changed;
}

function expectSameShape(a: Clip, b: Clip): void {
  expect([a.channels, a.frames, a.joints, a.bodies]).toEqual([b.channels, b.frames, b.joints, b.bodies]);
}

describe('shear', () => {
  it('draws a unit diagonal and off-diagonals in [−1, 1)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const m = randomShearMatrix(createRandom(seed));
        expect([m[0], m[4], m[8]]).toEqual([1, 1, 1]);
        for (const i of [1, 2, 3, 5, 6, 7]) expect(Math.abs(m[i]!)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('with zero off-diagonals (magnitude 0) is the identity', () => {
    fc.assert(
      fc.property(arbitraryClip(), seeds, (clip, seed) => {
        expect(shear(clip, createRandom(seed), 0).data).toEqual(clip.data);
      }),
    );
  });

  it('maps each point p to S·p with the drawn matrix, keeps the shape and does not mutate', () => {
    fc.assert(
      fc.property(arbitraryClip(), seeds, (clip, seed) => {
        const before = clip.data.slice();
        const out = shear(clip, createRandom(seed));
        const s = randomShearMatrix(createRandom(seed));
        expectSameShape(out, clip);
        expect(clip.data).toEqual(before);
        const [x, y, z] = pointOf(clip, 0, 0, 0) as [number, number, number];
        const expected = [0, 1, 2].map((r) => s[3 * r]! * x + s[3 * r + 1]! * y + s[3 * r + 2]! * z);
        pointOf(out, 0, 0, 0).forEach((value, c) => {
          expect(value).toBeCloseTo(expected[c]!, 4);
        });
        expect(allFinite(out.data)).toBe(true);
      }),
    );
  });
});

describe('jointCorruption', () => {
  it('changes at most 15 joints, and only by zeroing or one linear map', () => {
    fc.assert(
      fc.property(arbitraryClip({ maxJoints: 25 }), seeds, (clip, seed) => {
        const out = jointCorruption(clip, createRandom(seed));
        expectSameShape(out, clip);
        expect(changedJoints(clip, out).size).toBeLessThanOrEqual(Math.min(15, clip.joints));
        expect(allFinite(out.data)).toBe(true);
      }),
    );
  });

  it('zeroes exactly 15 of 25 joints when it zeroes', () => {
    const clip = clipOf({ channels: 3, frames: 4, joints: 25, bodies: 2 }, (i) => 1 + (i % 7));
    const options = { joints: 15, zeroProbability: 1, magnitude: 1 };
    const out = jointCorruption(clip, createRandom(9), options);
    const zeroed = new Set<number>();
    for (let v = 0; v < 25; v += 1) {
      const all = [0, 1, 2, 3].every(
        (t) => pointOf(out, t, v, 0).every((x) => x === 0) && pointOf(out, t, v, 1).every((x) => x === 0),
      );
      if (all) zeroed.add(v);
    }
    expect(zeroed.size).toBe(15);
    expect(changedJoints(clip, out)).toEqual(zeroed);
  });

  it('applies one map p ↦ p·K to every chosen joint when it does not zero', () => {
    const clip = clipOf({ channels: 3, frames: 3, joints: 25, bodies: 1 }, (i) => Math.sin(i + 1));
    const out = jointCorruption(clip, createRandom(5), { joints: 15, zeroProbability: 0, magnitude: 1 });
    const changed = [...changedJoints(clip, out)];
    expect(changed.length).toBe(15);
    // Recover K from three points of one joint and check that it explains every other changed point.
    const solve = (rows: number[][], rhs: number[]) => {
      const det = (m: number[][]) =>
        m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
        m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
        m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
      const d = det(rows);
      return [0, 1, 2].map(
        (k) => det(rows.map((row, r) => row.map((value, c) => (c === k ? rhs[r]! : value)))) / d,
      );
    };
    const v0 = changed[0]!;
    const inputs = [0, 1, 2].map((t) => pointOf(clip, t, v0, 0));
    const columns = [0, 1, 2].map((c) =>
      solve(
        inputs,
        [0, 1, 2].map((t) => pointOf(out, t, v0, 0)[c]!),
      ),
    );
    for (const v of changed) {
      for (let t = 0; t < 3; t += 1) {
        const p = pointOf(clip, t, v, 0);
        const q = pointOf(out, t, v, 0);
        for (let c = 0; c < 3; c += 1) {
          expect(q[c]).toBeCloseTo(
            p[0]! * columns[c]![0]! + p[1]! * columns[c]![1]! + p[2]! * columns[c]![2]!,
            3,
          );
        }
      }
    }
  });

  it('is deterministic given the random state', () => {
    fc.assert(
      fc.property(arbitraryClip({ maxJoints: 25 }), seeds, (clip, seed) => {
        expect(jointCorruption(clip, createRandom(seed)).data).toEqual(
          jointCorruption(clip, createRandom(seed)).data,
        );
      }),
    );
  });
});

describe('rotation', () => {
  it('preserves the length of every point and is the identity at zero angles', () => {
    fc.assert(
      fc.property(arbitraryClip(), seeds, (clip, seed) => {
        const out = randomRotation(clip, createRandom(seed));
        for (let t = 0; t < clip.frames; t += 1) {
          for (let v = 0; v < clip.joints; v += 1) {
            expect(Math.hypot(...pointOf(out, t, v, 0))).toBeCloseTo(
              Math.hypot(...pointOf(clip, t, v, 0)),
              4,
            );
          }
        }
        expect(randomRotation(clip, createRandom(seed), [0, 0, 0]).data).toEqual(clip.data);
      }),
    );
  });

  it('rotates +x towards +y about z by a positive angle', () => {
    const m = axisRotation(2, Math.PI / 2);
    const clip = clipOf({ channels: 3, frames: 1, joints: 1, bodies: 1 }, (c) => [1, 0, 0][c]!);
    const out = transformPoints(clip, m).data;
    expect(out[0]).toBeCloseTo(0, 6);
    expect(out[1]).toBeCloseTo(1, 6);
  });
});

describe('gaussianNoise', () => {
  it('is the identity at σ = 0 and leaves absent bodies and padding frames exactly zero', () => {
    fc.assert(
      fc.property(arbitraryClip(), seeds, (clip, seed) => {
        expect(gaussianNoise(clip, createRandom(seed), 0).data).toEqual(clip.data);
        // Blank body 1 everywhere and every body in frame 0.
        const holed = clipOf(clip, (i) => {
          const frame = Math.floor(i / (clip.joints * clip.bodies)) % clip.frames;
          return i % clip.bodies === 1 || frame === 0 ? 0 : clip.data[i]!;
        });
        const out = gaussianNoise(holed, createRandom(seed), 0.05);
        for (let i = 0; i < out.data.length; i += 1)
          if (
            holed.data[i] === 0 &&
            (i % clip.bodies === 1 || Math.floor(i / (clip.joints * clip.bodies)) % clip.frames === 0)
          )
            expect(out.data[i]).toBe(0);
        expect(allFinite(out.data)).toBe(true);
      }),
    );
  });

  it('has about the requested standard deviation', () => {
    const clip = clipOf({ channels: 3, frames: 100, joints: 25, bodies: 1 }, () => 1);
    const out = gaussianNoise(clip, createRandom(1), 0.1);
    let sum = 0;
    let squares = 0;
    for (const value of out.data) {
      sum += value - 1;
      squares += (value - 1) ** 2;
    }
    const n = out.data.length;
    expect(sum / n).toBeCloseTo(0, 2);
    expect(Math.sqrt(squares / n)).toBeCloseTo(0.1, 2);
  });

  it('rejects negative or non-finite σ', () => {
    const clip = clipOf({ channels: 3, frames: 1, joints: 1, bodies: 1 }, () => 1);
    expect(() => gaussianNoise(clip, createRandom(1), -1)).toThrow(RangeError);
    expect(() => gaussianNoise(clip, createRandom(1), Number.NaN)).toThrow(RangeError);
  });
});

describe('mirror', () => {
  const kinectClip = arbitraryClip({ maxJoints: 1 }).map((small) =>
    clipOf(
      { channels: 3, frames: small.frames, joints: 25, bodies: small.bodies },
      (i) => small.data[i % small.data.length]! + i * 0.01,
    ),
  );

  it('twice is the identity', () => {
    fc.assert(
      fc.property(kinectClip, (clip) => {
        expect(mirror(mirror(clip, kinect25), kinect25).data).toEqual(clip.data);
      }),
    );
  });

  it('moves the left hand to the right hand with x negated, and keeps the spine in place', () => {
    fc.assert(
      fc.property(kinectClip, (clip) => {
        const out = mirror(clip, kinect25);
        const [x, y, z] = pointOf(clip, 0, 7, 0);
        expect(pointOf(out, 0, 11, 0)).toEqual([-x!, y, z]);
        const [sx, sy, sz] = pointOf(clip, 0, 1, 0);
        expect(pointOf(out, 0, 1, 0)).toEqual([-sx!, sy, sz]);
      }),
    );
  });

  it('randomMirror with probability 0 is the identity and with 1 is mirror', () => {
    fc.assert(
      fc.property(kinectClip, seeds, (clip, seed) => {
        expect(randomMirror(clip, createRandom(seed), kinect25, 0).data).toEqual(clip.data);
        expect(randomMirror(clip, createRandom(seed), kinect25, 1).data).toEqual(mirror(clip, kinect25).data);
      }),
    );
  });

  it('rejects a layout with a different joint count', () => {
    expect(() =>
      mirror(
        clipOf({ channels: 3, frames: 1, joints: 3, bodies: 1 }, () => 1),
        kinect25,
      ),
    ).toThrow(RangeError);
  });
});

describe('temporalMask', () => {
  it('zeroes one contiguous span of at most maxFraction·T frames and leaves the rest', () => {
    fc.assert(
      fc.property(
        arbitraryClip({ maxFrames: 30 }),
        seeds,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (clip, seed, fraction) => {
          const nonZero = clipOf(clip, (i) => clip.data[i]! + 10);
          const out = temporalMask(nonZero, createRandom(seed), fraction);
          const masked: number[] = [];
          for (let t = 0; t < clip.frames; t += 1) {
            const values = [0, 1, 2].flatMap((c) =>
              Array.from(
                { length: clip.joints * clip.bodies },
                (_, p) => out.data[(c * clip.frames + t) * clip.joints * clip.bodies + p]!,
              ),
            );
            if (values.every((value) => value === 0)) masked.push(t);
            else expect(values.some((value) => value === 0)).toBe(false);
          }
          expect(masked.length).toBeLessThanOrEqual(Math.floor(fraction * clip.frames));
          if (masked.length > 0) expect(masked[masked.length - 1]! - masked[0]!).toBe(masked.length - 1);
          expect(temporalMask(nonZero, createRandom(seed), 0).data).toEqual(nonZero.data);
        },
      ),
    );
  });
});
