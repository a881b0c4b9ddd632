import { norm } from './norm.js';
import type { Vector } from './vector.js';

/**
 * Projects `a` onto the unit sphere: â = a / ‖a‖.
 *
 * The zero vector has no direction; it is returned as zeros (never NaN), and every other function of
 * this package treats it as the origin (see the README). Non-finite components are not checked.
 */
export function normalize(a: Vector): Float64Array {
  return normalizeInto(a, new Float64Array(a.length));
}

/** {@link normalize} writing into `out` (which may be `a` itself); returns `out`. */
export function normalizeInto<T extends Float64Array | Float32Array>(a: Vector, out: T): T {
  const length = norm(a);
  for (let i = 0; i < a.length; i += 1) out[i] = length === 0 ? 0 : a[i]! / length;
  return out;
}
