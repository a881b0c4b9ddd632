import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Clip, clipIndex, emptyClip } from '../src/clip.js';
import { kinect25 } from '../src/layouts/kinect25.js';
import {
  alignHorizontalBone,
  alignmentRotation,
  alignVerticalBone,
  type Vector3,
} from '../src/prepare/align-bone.js';

const FRAMES = 4;

/** Float32-representable coordinates in ±2 m, never summing a joint to exactly 0 by accident. */
const coordinate = fc.integer({ min: -2000, max: 2000 }).map((mm) => Math.fround(mm / 1000 + 0.0001));

/** A two-body kinect25 clip; body 1 absent in some frames; frame `FRAMES - 1` empty for both. */
const clipArbitrary = fc
  .record({
    values: fc.array(coordinate, { minLength: 3 * FRAMES * 25 * 2, maxLength: 3 * FRAMES * 25 * 2 }),
    body1Present: fc.array(fc.boolean(), { minLength: FRAMES, maxLength: FRAMES }),
  })
  .map(({ values, body1Present }) => {
    const clip = emptyClip(3, FRAMES, 25, 2);
    for (let c = 0; c < 3; c++) {
      for (let t = 0; t < FRAMES - 1; t++) {
        for (let v = 0; v < 25; v++) {
          for (let m = 0; m < 2; m++) {
            if (m === 0 || body1Present[t])
              clip.data[clipIndex(clip, c, t, v, m)] = values[clipIndex(clip, c, t, v, m)]!;
          }
        }
      }
    }
    return clip;
  });

function joint(clip: Clip, frame: number, j: number, body: number): Vector3 {
  const at = (c: number) => clip.data[clipIndex(clip, c, frame, j, body)]!;
  return [at(0), at(1), at(2)];
}

const sub = (a: Vector3, b: Vector3): Vector3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const norm = (v: Vector3) => Math.hypot(...v);
const angle = (a: Vector3, b: Vector3) =>
  Math.acos(Math.min(1, Math.max(-1, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (norm(a) * norm(b)))));

describe.each([
  ['alignVerticalBone', alignVerticalBone, kinect25.verticalBone, [0, 0, 1] as Vector3],
  ['alignHorizontalBone', alignHorizontalBone, kinect25.horizontalBone, [1, 0, 0] as Vector3],
])('%s', (_, align, [from, to], axis) => {
  it('makes the bone of body 0, frame 0 parallel to the axis and keeps every length and angle', () => {
    fc.assert(
      fc.property(clipArbitrary, (clip) => {
        const bone = sub(joint(clip, 0, to, 0), joint(clip, 0, from, 0));
        // Skip the documented degenerate cases: a bone (nearly) opposite to the axis is left alone.
        fc.pre(norm(bone) > 1e-3 && angle(bone, axis) < Math.PI - 1e-3);
        const out = align(clip, kinect25);
        const aligned = sub(joint(out, 0, to, 0), joint(out, 0, from, 0));
        expect(angle(aligned, axis)).toBeLessThan(1e-4 / norm(bone) + 1e-5);
        for (let t = 0; t < FRAMES; t++) {
          for (let m = 0; m < 2; m++) {
            for (let v = 0; v < 25; v++) {
              const before = joint(clip, t, v, m);
              const after = joint(out, t, v, m);
              expect(Math.abs(norm(after) - norm(before))).toBeLessThan(1e-6 * (1 + norm(before)));
              // A rigid rotation keeps the distance to joint 0 of the same body and frame too.
              const d0 = norm(sub(before, joint(clip, t, 0, m)));
              expect(Math.abs(norm(sub(after, joint(out, t, 0, m))) - d0)).toBeLessThan(2e-6 * (1 + d0));
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leaves empty frames empty and produces no NaN from degenerate input', () => {
    const empty = emptyClip(3, FRAMES, 25, 2);
    expect(align(empty, kinect25).data).toEqual(empty.data);
    fc.assert(
      fc.property(clipArbitrary, (clip) => {
        const out = align(clip, kinect25);
        expect(out.data.every(Number.isFinite)).toBe(true);
        for (let v = 0; v < 25; v++) expect(joint(out, FRAMES - 1, v, 0)).toEqual([0, 0, 0]);
      }),
      { numRuns: 20 },
    );
  });

  it('does nothing for a zero bone or a bone pointing exactly against the axis (reference quirk)', () => {
    const clip = emptyClip(3, FRAMES, 25, 2);
    clip.data.fill(0.5);
    expect(align(clip, kinect25).data).toEqual(clip.data);
    for (let c = 0; c < 3; c++) clip.data[clipIndex(clip, c, 0, to, 0)] = 0.5 - axis[c]!;
    expect(align(clip, kinect25).data).toEqual(clip.data);
  });

  it('does not modify its input', () => {
    fc.assert(
      fc.property(clipArbitrary, (clip) => {
        const copy = clip.data.slice();
        align(clip, kinect25);
        expect(clip.data).toEqual(copy);
      }),
      { numRuns: 10 },
    );
  });
});

describe('alignmentRotation', () => {
  const vector: fc.Arbitrary<Vector3> = fc.tuple(coordinate, coordinate, coordinate);
  it('is a proper rotation taking the direction of the bone onto the target', () => {
    fc.assert(
      fc.property(vector, vector, (bone, target) => {
        fc.pre(norm(bone) > 1e-2 && norm(target) > 1e-2 && angle(bone, target) < Math.PI - 1e-3);
        const r = alignmentRotation(bone, target);
        const rows: Vector3[] = [
          [r[0], r[1], r[2]],
          [r[3], r[4], r[5]],
          [r[6], r[7], r[8]],
        ];
        const product = rows.map((row) =>
          rows.map((other) => row[0] * other[0] + row[1] * other[1] + row[2] * other[2]),
        );
        product.forEach((row, i) => {
          row.forEach((value, j) => {
            expect(value).toBeCloseTo(i === j ? 1 : 0, 12);
          });
        });
        const det =
          r[0] * (r[4] * r[8] - r[5] * r[7]) -
          r[1] * (r[3] * r[8] - r[5] * r[6]) +
          r[2] * (r[3] * r[7] - r[4] * r[6]);
        expect(det).toBeCloseTo(1, 12);
        const apply = (row: Vector3) => row[0] * bone[0] + row[1] * bone[1] + row[2] * bone[2];
        const rotated: Vector3 = [apply(rows[0]!), apply(rows[1]!), apply(rows[2]!)];
        // The bone's direction is rounded to float32 as in the references (relative error ~6e-8),
        // which arccos amplifies by 1 / sin θ.
        expect(angle(rotated, target)).toBeLessThan(3e-7 / Math.sin(angle(bone, target)));
      }),
    );
  });
});
