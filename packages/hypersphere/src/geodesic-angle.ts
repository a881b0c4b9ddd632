import { angleBetweenUnitVectors } from './geodesic-direction.js';
import { normalize } from './normalize.js';
import { assertSameDimension, type Vector } from './vector.js';

/**
 * Geodesic (great-circle) angle between the directions of a and b, Ω ∈ [0, π]:
 *
 *   Ω = 2·atan2(‖b̂ − â‖, ‖b̂ + â‖),   â = a/‖a‖, b̂ = b/‖b‖,
 *
 * which equals acos(â·b̂) but stays accurate near 0 and π and never sees a cosine outside [−1, 1].
 * Antipodal inputs give exactly π. A zero vector (the origin) is at π/2 from every nonzero vector
 * (consistent with a dot product of 0), and two zero vectors give 0.
 */
export function geodesicAngle(a: Vector, b: Vector): number {
  assertSameDimension(a, b, 'geodesicAngle');
  return angleBetweenUnitVectors(normalize(a), normalize(b));
}
