import type { Vector } from './vector.js';

/**
 * Magnitudes below this make Σ aᵢ² lose precision to underflow (its square, ~1e-300, is near the
 * bottom of the double range); such vectors take the rescaled path.
 */
const UNDERFLOW_RISK = 1e-150;

/**
 * Euclidean norm ‖a‖ = √(Σᵢ aᵢ²).
 *
 * The plain sum of squares overflows for components beyond ~1e154 and underflows below ~1e-154;
 * in those (rare) cases the vector is rescaled by its largest magnitude first, so the result is
 * accurate over the whole finite double range.
 */
export function norm(a: Vector): number {
  let sumOfSquares = 0;
  for (let i = 0; i < a.length; i += 1) sumOfSquares += a[i]! * a[i]!;
  const result = Math.sqrt(sumOfSquares);
  return result === Number.POSITIVE_INFINITY || result < UNDERFLOW_RISK ? rescaledNorm(a) : result;
}

/** ‖a‖ = m·‖a/m‖ with m = maxᵢ |aᵢ|: no intermediate leaves the representable range. */
function rescaledNorm(a: Vector): number {
  let largest = 0;
  for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i]!));
  if (largest === 0 || largest === Number.POSITIVE_INFINITY) return largest;
  let sumOfSquares = 0;
  for (let i = 0; i < a.length; i += 1) {
    const scaled = a[i]! / largest;
    sumOfSquares += scaled * scaled;
  }
  return largest * Math.sqrt(sumOfSquares);
}
