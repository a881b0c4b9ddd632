import type { Vector } from './vector.js';

/**
 * Internal kernels shared by the public functions. Both arguments are points already projected onto
 * the sphere (unit vectors, or zeros for the zero vector); see `normalize`.
 */

/**
 * Geodesic angle Ω ∈ [0, π] between unit vectors x and y from the chord lengths:
 *
 *   Ω = 2·atan2(‖y − x‖, ‖y + x‖).
 *
 * Unlike acos(x·y), whose derivative is infinite at ±1, this keeps full relative precision near
 * Ω = 0 and near Ω = π, and needs no clamping of a cosine that rounding pushed past ±1.
 */
export function angleBetweenUnitVectors(x: Vector, y: Vector): number {
  let minus = 0;
  let plus = 0;
  for (let i = 0; i < x.length; i += 1) {
    const difference = y[i]! - x[i]!;
    const sum = y[i]! + x[i]!;
    minus += difference * difference;
    plus += sum * sum;
  }
  return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
}

/**
 * Writes into `out` the unit tangent w at x that points along the shortest geodesic towards y, and
 * returns the geodesic angle Ω, so that y = cos Ω·x + sin Ω·w and log_x(y) = Ω·w.
 *
 * w is the normalised tangent part u = y − (x·y)·x, computed without cancellation as
 * u = d − (d·x)·x with d = y − x when x·y ≥ 0 (small when y ≈ x) and d = y + x otherwise (small
 * when y ≈ −x); both equal u exactly in real arithmetic since ‖x‖ = 1.
 *
 * Degenerate cases, all finite:
 * - y = x (Ω = 0): w = 0.
 * - y = −x (Ω = π, every great circle through x is a geodesic): w = {@link orthogonalDirectionInto}(x),
 *   a fixed direction that depends only on ±x, so the path from x to −x and the path from −x to x are
 *   the same great circle (slerp stays symmetric).
 * - y or x the zero vector: Ω = π/2 between a point and the origin (0 between two zeros); w = 0 when
 *   y is zero, w = y when x is zero.
 */
export function geodesicDirectionInto(x: Vector, y: Vector, out: Float64Array): number {
  // One pass for the chords of angleBetweenUnitVectors and both candidate projections d·x (this is
  // the inner loop of frechetMean, so the sums are fused rather than computed by separate helpers).
  let minus = 0;
  let plus = 0;
  let minusAlongX = 0;
  let plusAlongX = 0;
  let ySquared = 0;
  for (let i = 0; i < x.length; i += 1) {
    const difference = y[i]! - x[i]!;
    const sum = y[i]! + x[i]!;
    minus += difference * difference;
    plus += sum * sum;
    minusAlongX += difference * x[i]!;
    plusAlongX += sum * x[i]!;
    ySquared += y[i]! * y[i]!;
  }
  const omega = 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
  if (ySquared === 0) {
    out.fill(0);
    return omega;
  }
  const nearX = minus <= plus;
  const sign = nearX ? -1 : 1;
  const alongX = nearX ? minusAlongX : plusAlongX;
  let uSquared = 0;
  for (let i = 0; i < x.length; i += 1) {
    const u = y[i]! + sign * x[i]! - alongX * x[i]!;
    out[i] = u;
    uSquared += u * u;
  }
  if (uSquared > 0) {
    const uNorm = Math.sqrt(uSquared);
    for (let i = 0; i < out.length; i += 1) out[i] = out[i]! / uNorm;
  } else if (nearX) {
    out.fill(0);
  } else {
    orthogonalDirectionInto(x, out);
  }
  return omega;
}

/**
 * A deterministic unit vector orthogonal to the unit vector x: e⊥(x) = normalize(e_k − x_k·x) with
 * k = argminᵢ |xᵢ| (the first such index). Since x_k² ≤ 1/D, ‖e_k − x_k·x‖² = 1 − x_k² ≥ 1 − 1/D, so
 * the construction is well conditioned for every D ≥ 2, and e⊥(−x) = e⊥(x). In D = 1 there is no
 * orthogonal direction and `out` is zeros.
 */
export function orthogonalDirectionInto(x: Vector, out: Float64Array): Float64Array {
  let k = 0;
  for (let i = 1; i < x.length; i += 1) if (Math.abs(x[i]!) < Math.abs(x[k]!)) k = i;
  const xk = x[k] ?? 0;
  let squared = 0;
  for (let i = 0; i < x.length; i += 1) {
    out[i] = (i === k ? 1 : 0) - xk * x[i]!;
    squared += out[i]! * out[i]!;
  }
  const length = Math.sqrt(squared);
  // D = 1: e_0 − x_0·x = 0 up to rounding; report "no direction" instead of normalising noise.
  const usable = x.length >= 2 && length > 0;
  for (let i = 0; i < out.length; i += 1) out[i] = usable ? out[i]! / length : 0;
  return out;
}
