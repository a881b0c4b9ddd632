import type { Matrix } from '@halp/hypersphere';
import { createRandom, fillNormal, type Random } from '@halp/random';

/** The rows of a matrix projected on its first two principal components. */
export interface Projection2 {
  /** Coordinate of each row along the first principal component. */
  readonly x: Float64Array;
  /** Coordinate of each row along the second principal component. */
  readonly y: Float64Array;
  /** Unit directions of the two components (length D each; all zeros for a component of variance 0). */
  readonly components: readonly [Float64Array, Float64Array];
  /** Share of the total variance along each component, λ₁/Σλ ≥ λ₂/Σλ (both 0 when all rows are equal). */
  readonly explained: readonly [number, number];
}

/** Axis labels of a projection: which component, and the share of the variance it explains (%). */
export function projectionAxisLabels(projection: Projection2): { xLabel: string; yLabel: string } {
  const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}% of variance`;
  return {
    xLabel: `first principal component (${percent(projection.explained[0])})`,
    yLabel: `second principal component (${percent(projection.explained[1])})`,
  };
}

const MAX_ITERATIONS = 1000;
/** Power iteration stops once the direction moves less than this between steps (‖v − v_prev‖). */
const TOLERANCE = 1e-10;
/**
 * Variance below this fraction of the total, or with a standard deviation below this fraction of the
 * largest |entry| (round-off of centring equal rows), counts as none: no direction is left there.
 */
const RANK_EPSILON = 1e-12;

/**
 * Principal component analysis to two dimensions, for plotting features.
 *
 * Rows are centred (x̄ = mean row), and the covariance C = XᵀX / N of the centred rows is never formed:
 * power iteration applies it as v ↦ Xᵀ(Xv) in O(N·D), which suits both N < D and N > D. The first
 * component is the converged v₁ with λ₁ = v₁ᵀCv₁; the second runs the same iteration on the deflated
 * C − λ₁v₁v₁ᵀ (re-orthogonalised against v₁ each step against round-off). Power iteration converges
 * slowly when λ₁ ≈ λ₂, so the pair is finally rotated within its plane to diagonalise C there
 * (Rayleigh–Ritz): the two coordinates are then uncorrelated and ordered whatever the convergence.
 *
 * Deterministic: the start vectors are normal draws from `random` (default: a fixed seed), and each
 * component's sign is fixed so that its largest-magnitude entry is positive. Degenerate input gives
 * zeros, never `NaN`: no rows, D = 0 or all rows equal → zero projections and explained [0, 0]; rank 1
 * (or D = 1) → y all zero. Rows are scaled by their largest |entry| while computing, so no magnitude
 * overflows. Throws a `RangeError` naming the entry if the matrix holds a non-finite value.
 * When λ₁ ≈ λ₂ any direction of that plane is a valid answer and convergence is slow (capped at 1000
 * steps); the projection is still a faithful 2-D view.
 */
export function principalComponents2(
  rows: Matrix,
  random: Random = createRandom('principal-components'),
): Projection2 {
  const { centred, scale } = scaledCentredRows(rows);
  const { rows: n, columns: d } = rows;
  const totalVariance = n === 0 ? 0 : sumOfSquares(centred) / n;
  // Entries are at most 1 after scaling, so round-off of the centring is about 1e-16.
  const noise = Math.max(RANK_EPSILON * totalVariance, RANK_EPSILON ** 2);
  const firstEstimate = dominantDirection(centred, n, d, [], noise, random);
  const secondEstimate =
    firstEstimate.variance > 0
      ? dominantDirection(centred, n, d, [firstEstimate.direction], noise, random)
      : firstEstimate;
  const [first, second] =
    secondEstimate.variance > 0
      ? rayleighRitz(centred, n, d, firstEstimate.direction, secondEstimate.direction)
      : [firstEstimate, secondEstimate];
  const explain = (variance: number) => (totalVariance > 0 ? Math.min(1, variance / totalVariance) : 0);
  const coordinates = (direction: Float64Array) =>
    project(centred, n, d, direction).map((value) => value * scale);
  return {
    x: coordinates(first.direction),
    y: coordinates(second.direction),
    components: [first.direction, second.direction],
    explained: [explain(first.variance), explain(second.variance)],
  };
}

interface Component {
  readonly direction: Float64Array;
  readonly variance: number;
}

/**
 * Rotates orthonormal v₁, v₂ within their plane onto the eigenvectors of C restricted to it: with
 * a = v₁ᵀCv₁, b = v₁ᵀCv₂, c = v₂ᵀCv₂ and θ = ½·atan2(2b, a − c), u₁ = cos θ·v₁ + sin θ·v₂ has the larger
 * variance and u₂ = −sin θ·v₁ + cos θ·v₂ the smaller, and u₁ᵀCu₂ = 0.
 */
function rayleighRitz(
  x: Float64Array,
  n: number,
  d: number,
  v1: Float64Array,
  v2: Float64Array,
): [Component, Component] {
  const cv1 = covarianceTimes(x, n, d, v1);
  const cv2 = covarianceTimes(x, n, d, v2);
  const a = dot(v1, cv1);
  const b = dot(v1, cv2);
  const c = dot(v2, cv2);
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const u1 = v1.map((value, j) => cos * value + sin * v2[j]!);
  const u2 = v1.map((value, j) => -sin * value + cos * v2[j]!);
  const variance1 = cos * cos * a + 2 * sin * cos * b + sin * sin * c;
  const variance2 = sin * sin * a - 2 * sin * cos * b + cos * cos * c;
  return [
    { direction: withCanonicalSign(u1), variance: Math.max(0, variance1) },
    { direction: withCanonicalSign(u2), variance: Math.max(0, variance2) },
  ];
}

/**
 * The rows minus their mean row, divided by the largest |entry| of the input (`scale`; 1 for an
 * all-zero input) so that sums of squares cannot overflow whatever the magnitude of the features.
 */
function scaledCentredRows(m: Matrix): { centred: Float64Array; scale: number } {
  const { rows: n, columns: d, data } = m;
  let largest = 0;
  data.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      throw new RangeError(`principalComponents2: entry (${Math.floor(i / d)}, ${i % d}) is ${value}`);
    }
    largest = Math.max(largest, Math.abs(value));
  });
  const scale = largest > 0 ? largest : 1;
  const mean = new Float64Array(d);
  data.forEach((value, i) => {
    mean[i % d]! += value / scale / n;
  });
  return { centred: Float64Array.from(data, (value, i) => value / scale - mean[i % d]!), scale };
}

/**
 * The top eigenvector of C restricted to the orthogonal complement of `found` (the deflation), by
 * power iteration; variance 0 and a zero direction when C's action there is within `noise`.
 */
function dominantDirection(
  x: Float64Array,
  n: number,
  d: number,
  found: readonly Float64Array[],
  noise: number,
  random: Random,
): Component {
  const zero = { direction: new Float64Array(d), variance: 0 };
  if (n === 0 || d === 0) return zero;
  let v = orthogonalUnit(fillNormal(random, new Float64Array(d)), found);
  if (v === undefined) return zero;
  for (let step = 0; step < MAX_ITERATIONS; step += 1) {
    const next = orthogonalUnit(covarianceTimes(x, n, d, v), found, noise);
    if (next === undefined) return zero;
    const moved = distance(next, v);
    v = next;
    if (moved < TOLERANCE) break;
  }
  const variance = dot(v, covarianceTimes(x, n, d, v));
  return { direction: withCanonicalSign(v), variance: Math.max(0, variance) };
}

/** C·v = Xᵀ(X·v) / N without forming C. */
function covarianceTimes(x: Float64Array, n: number, d: number, v: Float64Array): Float64Array {
  const result = new Float64Array(d);
  for (let i = 0; i < n; i += 1) {
    const offset = i * d;
    let projection = 0;
    for (let j = 0; j < d; j += 1) projection += x[offset + j]! * v[j]!;
    for (let j = 0; j < d; j += 1) result[j]! += (x[offset + j]! * projection) / n;
  }
  return result;
}

/**
 * `w` with its components along the (orthonormal) `found` removed, scaled to unit length; undefined
 * when what is left is no longer than `floor` (nothing left to find).
 */
function orthogonalUnit(
  w: Float64Array,
  found: readonly Float64Array[],
  floor = 0,
): Float64Array | undefined {
  for (const u of found) {
    const along = dot(w, u);
    for (let j = 0; j < w.length; j += 1) w[j]! -= along * u[j]!;
  }
  const length = Math.sqrt(dot(w, w));
  if (!(length > floor)) return undefined;
  for (let j = 0; j < w.length; j += 1) w[j]! /= length;
  return w;
}

/** ±v, whichever has its largest-magnitude entry positive, so that results do not flip between runs. */
function withCanonicalSign(v: Float64Array): Float64Array {
  let largest = 0;
  for (const value of v) if (Math.abs(value) > Math.abs(largest)) largest = value;
  return largest < 0 ? v.map((value) => -value) : v;
}

function project(x: Float64Array, n: number, d: number, direction: Float64Array): Float64Array {
  const result = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = 0;
    for (let j = 0; j < d; j += 1) sum += x[i * d + j]! * direction[j]!;
    result[i] = sum;
  }
  return result;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j += 1) sum += a[j]! * b[j]!;
  return sum;
}

function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j += 1) sum += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(sum);
}

function sumOfSquares(values: Float64Array): number {
  return dot(values, values);
}
