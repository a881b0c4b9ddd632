import type { Clip } from '../clip.js';
import { assertXyz, withData } from './augmentation.js';

/** A 3×3 matrix, row-major: `m[3 * row + column]`. */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

/**
 * Applies `p ↦ A·p` to every point (x, y, z) of the clip, or only to the joints with
 * `selectedJoints[v] = 1`. Linear maps keep zero padding zero, so absent bodies and padded frames
 * stay absent.
 */
export function transformPoints(clip: Clip, matrix: Matrix3, selectedJoints?: Uint8Array): Clip {
  assertXyz(clip, 'transformPoints');
  const input = clip.data;
  const output = new Float32Array(input);
  const stride = clip.frames * clip.joints * clip.bodies;
  const [a00, a01, a02, a10, a11, a12, a20, a21, a22] = matrix;
  for (let p = 0; p < stride; p += 1) {
    if (selectedJoints !== undefined && selectedJoints[Math.floor(p / clip.bodies) % clip.joints] === 0)
      continue;
    const x = input[p]!;
    const y = input[p + stride]!;
    const z = input[p + 2 * stride]!;
    output[p] = a00 * x + a01 * y + a02 * z;
    output[p + stride] = a10 * x + a11 * y + a12 * z;
    output[p + 2 * stride] = a20 * x + a21 * y + a22 * z;
  }
  return withData(clip, output);
}

/** Aᵀ. */
export function transpose3(m: Matrix3): Matrix3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

/** A·B. */
export function multiply3(a: Matrix3, b: Matrix3): Matrix3 {
  const entry = (row: number, column: number) =>
    a[3 * row]! * b[column]! + a[3 * row + 1]! * b[3 + column]! + a[3 * row + 2]! * b[6 + column]!;
  return [
    entry(0, 0),
    entry(0, 1),
    entry(0, 2),
    entry(1, 0),
    entry(1, 1),
    entry(1, 2),
    entry(2, 0),
    entry(2, 1),
    entry(2, 2),
  ];
}
