import { assertFiniteParameter, geodesicFrame } from './geodesic-frame.js';
import type { Vector } from './vector.js';

/**
 * Spherical linear interpolation from â (t = 0) to b̂ (t = 1), Ω = geodesicAngle(a, b):
 *
 *   slerp(a, b, t) = sin((1−t)Ω)/sin Ω · â + sin(tΩ)/sin Ω · b̂ = cos(tΩ)·â + sin(tΩ)·w,
 *
 * where w is the unit tangent at â towards b̂. The second form is what is computed: it never divides
 * by sin Ω, so it is exact at Ω = 0 (the limit sin(tΩ)/sin Ω → t gives â) and well defined at Ω = π.
 * The result has unit norm for every t, moves at constant speed (angle(â, slerp) = t·Ω) and
 * extrapolates along the same great circle for t outside [0, 1].
 *
 * At Ω = π (b̂ = −â) the geodesic is not unique; the path goes through the fixed direction
 * w = e⊥(â) described in the README, so slerp(a, −a, ½) = e⊥(â) and slerp(a, b, t) = slerp(b, a, 1−t)
 * still holds. Zero vectors act as the origin (see the README); the result is always finite.
 * Throws a `RangeError` for different dimensions or a non-finite t.
 */
export function slerp(a: Vector, b: Vector, t: number): Float64Array {
  assertFiniteParameter(t, 'slerp');
  const { start, direction, angle } = geodesicFrame(a, b, 'slerp');
  const cosine = Math.cos(t * angle);
  const sine = Math.sin(t * angle);
  for (let i = 0; i < direction.length; i += 1) direction[i] = cosine * start[i]! + sine * direction[i]!;
  return direction;
}

/**
 * The paper's hallucination direction d(t, P, z) = slerp(z, p, t) − ẑ: the displacement that moves
 * the anchor ẑ to its slerp towards the prototype p̂ (so ẑ + d is the hallucinated positive).
 *
 * Computed as d = −2 sin²(tΩ/2)·ẑ + sin(tΩ)·w, which equals (cos(tΩ) − 1)·ẑ + sin(tΩ)·w without the
 * cancellation of cos(tΩ) − 1 for small tΩ. Same degenerate-case behaviour as {@link slerp}.
 */
export function geodesicStep(z: Vector, p: Vector, t: number): Float64Array {
  assertFiniteParameter(t, 'geodesicStep');
  const { start, direction, angle } = geodesicFrame(z, p, 'geodesicStep');
  const halfSine = Math.sin((t * angle) / 2);
  const alongStart = -2 * halfSine * halfSine;
  const sine = Math.sin(t * angle);
  for (let i = 0; i < direction.length; i += 1) {
    direction[i] = alongStart * start[i]! + sine * direction[i]!;
  }
  return direction;
}
