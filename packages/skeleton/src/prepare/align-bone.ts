import type { Matrix3 } from '../augment/point-transform.js';
import { type Clip, clipIndex } from '../clip.js';
import type { SkeletonLayout } from '../layouts/layout.js';
import { copyClip, frameSum, hasPresentFrame, isEmptyClip } from './clip-frames.js';

export type Vector3 = readonly [number, number, number];

const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** Below this (L1 norm of a vector, or angle in radians) the references use the identity. */
const DEGENERATE = 1e-6;

function cross(a: Vector3, b: Vector3): Vector3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const l1 = (v: Vector3) => Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
const l2 = (v: Vector3) => Math.hypot(v[0], v[1], v[2]);

/**
 * The direction of a float32 bone as the references compute it: divided in float32 by NumPy's
 * float32 norm, whose dot product (OpenBLAS `sdot`) rounds each square to float32 and sums them in
 * the lane order of its SIMD reduction, (x² + z²) + y². Reproducing these roundings makes the
 * output bit-identical to the reference on every fixture clip; a float64 direction differs from it
 * by a few float32 ulps.
 */
function float32Direction(v: Vector3): Vector3 {
  const f = Math.fround;
  const norm = f(Math.sqrt(f(f(f(v[0] * v[0]) + f(v[2] * v[2])) + f(v[1] * v[1]))));
  return [f(v[0] / norm), f(v[1] / norm), f(v[2] / norm)];
}

/**
 * Counter-clockwise rotation by `angle` about `axis` (Rodrigues):
 *
 *   R = cos θ · I + sin θ · [k]ₓ + (1 − cos θ) · k kᵀ,   k = axis / ‖axis‖,
 *
 * the identity when the axis or the angle is (nearly) zero, as in the references.
 */
export function axisAngleRotation(axis: Vector3, angle: number): Matrix3 {
  if (l1(axis) < DEGENERATE || Math.abs(angle) < DEGENERATE) return IDENTITY;
  const norm = l2(axis);
  const [x, y, z] = [axis[0] / norm, axis[1] / norm, axis[2] / norm];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const t = 1 - cos;
  return [
    cos + t * x * x,
    t * x * y - sin * z,
    t * x * z + sin * y,
    t * x * y + sin * z,
    cos + t * y * y,
    t * y * z - sin * x,
    t * x * z - sin * y,
    t * y * z + sin * x,
    cos + t * z * z,
  ];
}

/**
 * The rotation taking the direction of `bone` onto `target`: about `bone × target` by the angle
 * between them. Degenerate cases give the identity, as in the references: a (nearly) zero bone, a
 * bone already along `target`, and a bone pointing exactly opposite to `target` (the cross product
 * vanishes, so such a bone is left pointing away from the axis).
 */
export function alignmentRotation(bone: Vector3, target: Vector3): Matrix3 {
  if (l1(bone) < DEGENERATE || l1(target) < DEGENERATE) return IDENTITY;
  const direction = float32Direction(bone);
  const cosine =
    (direction[0] * target[0] + direction[1] * target[1] + direction[2] * target[2]) / l2(target);
  return axisAngleRotation(cross(bone, target), Math.acos(Math.min(1, Math.max(-1, cosine))));
}

/**
 * Rotates every joint of every present frame of every body by the rotation that takes the bone
 * `[from, to]` of body 0 in frame 0 onto `target` (steps 3 and 4 of the references'
 * `pre_normalization`). As in the references, the bone is read from the float32 clip, the
 * rotation ({@link alignmentRotation}) is applied in float64 and the result stored as float32.
 * Empty frames stay empty; a clip whose body 0 is absent in frame 0 is left unrotated (zero bone).
 */
export function alignBone(clip: Clip, bone: readonly [number, number], target: Vector3): Clip {
  const out = copyClip(clip);
  if (clip.channels !== 3) throw new RangeError(`alignBone: expected 3 channels (xyz), got ${clip.channels}`);
  if (isEmptyClip(clip)) return out;
  const { frames, joints, bodies, data } = out;
  const at = (channel: number, frame: number, joint: number, body: number) =>
    clipIndex(out, channel, frame, joint, body);
  const [from, to] = bone;
  // The bone as the references compute it: a float32 difference of float32 coordinates.
  const coordinate = (axis: number) => Math.fround(data[at(axis, 0, to, 0)]! - data[at(axis, 0, from, 0)]!);
  const r = alignmentRotation([coordinate(0), coordinate(1), coordinate(2)], target);
  if (r === IDENTITY) return out;
  for (let body = 0; body < bodies; body++) {
    if (!hasPresentFrame(out, body)) continue;
    for (let frame = 0; frame < frames; frame++) {
      if (frameSum(out, body, frame) === 0) continue;
      for (let joint = 0; joint < joints; joint++) {
        const ix = at(0, frame, joint, body);
        const iy = at(1, frame, joint, body);
        const iz = at(2, frame, joint, body);
        const [x, y, z] = [data[ix]!, data[iy]!, data[iz]!];
        data[ix] = r[0] * x + r[1] * y + r[2] * z;
        data[iy] = r[3] * x + r[4] * y + r[5] * z;
        data[iz] = r[6] * x + r[7] * y + r[8] * z;
      }
    }
  }
  return out;
}

/** Step 3: the layout's vertical bone (NTU: hip → spine) of body 0, frame 0, onto +z. */
export function alignVerticalBone(clip: Clip, layout: SkeletonLayout): Clip {
  return alignBone(clip, layout.verticalBone, [0, 0, 1]);
}

/**
 * Step 4: the layout's horizontal bone (NTU: left → right shoulder) of body 0, frame 0, onto +x.
 * Its rotation axis is `bone × x`, not z, so it tilts the vertical bone off +z again (reference
 * behaviour: the two alignments do not compose into "spine on z and shoulders on x").
 */
export function alignHorizontalBone(clip: Clip, layout: SkeletonLayout): Clip {
  return alignBone(clip, layout.horizontalBone, [1, 0, 0]);
}
