import { geodesicFrame } from './geodesic-frame.js';
import { normalize } from './normalize.js';
import { assertSameDimension, type Vector } from './vector.js';

/**
 * Riemannian logarithm on the sphere: the tangent vector at b̂ = base/‖base‖ that points along the
 * shortest geodesic to p̂ = point/‖point‖ and whose length is the geodesic angle Ω:
 *
 *   log_b̂(p̂) = Ω · u/‖u‖,   u = p̂ − (b̂·p̂)·b̂,   Ω = geodesicAngle(b̂, p̂).
 *
 * log is 0 when p̂ = b̂. At Ω = π (p̂ = −b̂) every direction is a shortest geodesic; the result is
 * π·e⊥(b̂), the same fixed direction slerp uses. A zero `point` gives 0; a zero `base` gives
 * (π/2)·p̂. Never NaN for finite inputs.
 */
export function logMap(base: Vector, point: Vector): Float64Array {
  const { direction, angle } = geodesicFrame(base, point, 'logMap');
  for (let i = 0; i < direction.length; i += 1) direction[i] = angle * direction[i]!;
  return direction;
}

/**
 * Riemannian exponential on the sphere: follow the great circle from b̂ = base/‖base‖ in the
 * direction of `tangent` for the angle θ = ‖v‖:
 *
 *   exp_b̂(v) = cos θ · b̂ + sin θ · v/θ,   v = tangent − (tangent·b̂)·b̂.
 *
 * The component of `tangent` along b̂ is removed first (v is its projection onto the tangent space),
 * so the result is a unit vector for every tangent; v = 0 gives b̂ and lengths beyond π wrap around
 * the circle. exp_b̂(log_b̂(p)) = p̂. A zero `base` gives sin θ · v/θ (finite, not on the sphere).
 */
export function expMap(base: Vector, tangent: Vector): Float64Array {
  assertSameDimension(base, tangent, 'expMap');
  const start = normalize(base);
  let alongStart = 0;
  for (let i = 0; i < start.length; i += 1) alongStart += tangent[i]! * start[i]!;
  const projected = new Float64Array(start.length);
  for (let i = 0; i < start.length; i += 1) projected[i] = tangent[i]! - alongStart * start[i]!;
  return exponentialInto(start, projected, projected);
}

/**
 * exp_x(v) for a unit x and a tangent v at x, written into `out` (which may alias `v`): the shared
 * step of {@link expMap} and the Fréchet-mean iteration.
 */
export function exponentialInto(x: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
  let squared = 0;
  for (let i = 0; i < v.length; i += 1) squared += v[i]! * v[i]!;
  const theta = Math.sqrt(squared);
  const cosine = Math.cos(theta);
  // sin θ/θ → 1 as θ → 0; at θ = 0 exactly v is zero, so any finite factor gives x.
  const sineOverTheta = theta === 0 ? 1 : Math.sin(theta) / theta;
  for (let i = 0; i < x.length; i += 1) out[i] = cosine * x[i]! + sineOverTheta * v[i]!;
  return out;
}
