/**
 * Inner-product kernels over flat row-major `Float64Array`s (point i occupies `points[i·d, (i+1)·d)`,
 * centroid j `centroids[j·d, (j+1)·d)`). Seeding and assignment are n×k×d products (256×20×128 per
 * prototype update in HaLP) and dominate the run time, so these loops work on offsets, never on
 * views, and allocate nothing.
 *
 * Every inner product is summed in one accumulator in increasing coordinate order; blocking only
 * interleaves independent products (several rows share each load, and their sums pipeline). So all
 * kernels give bit-identical results for the same pair of rows, whichever computed it: a cosine
 * computed during seeding, assignment or the update step is the same number, which keeps objective
 * comparisons and tie-breaking exact.
 */

/** Inner product of row `a` of `left` and row `b` of `right`, both of dimension `d`. */
export function rowDot(left: Float64Array, a: number, right: Float64Array, b: number, d: number): number {
  const leftStart = a * d;
  const rightStart = b * d;
  let sum = 0;
  for (let t = 0; t < d; t += 1) sum += left[leftStart + t]! * right[rightStart + t]!;
  return sum;
}

/** `out[i] = points_i · vectors_v` for every point i, v = `vectorRow`; four points at a time. */
export function similaritiesToRow(
  points: Float64Array,
  vectors: Float64Array,
  vectorRow: number,
  d: number,
  out: Float64Array,
): void {
  const n = out.length;
  const v = vectorRow * d;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const p0 = i * d;
    const p1 = p0 + d;
    const p2 = p1 + d;
    const p3 = p2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t += 1) {
      const x = vectors[v + t]!;
      s0 += points[p0 + t]! * x;
      s1 += points[p1 + t]! * x;
      s2 += points[p2 + t]! * x;
      s3 += points[p3 + t]! * x;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < n; i += 1) out[i] = rowDot(points, i, vectors, vectorRow, d);
}

/**
 * `out[q] = points_{pointOf[q]} · centroids_{centroidOf[q]}` for q < count: arbitrary pairs, four at a
 * time so that their sums pipeline whatever the pairs are (the assignment step's candidate pairs
 * are scattered, a few per point).
 */
export function pairSimilarities(
  points: Float64Array,
  centroids: Float64Array,
  d: number,
  pointOf: Int32Array,
  centroidOf: Int32Array,
  count: number,
  out: Float64Array,
): void {
  let q = 0;
  for (; q + 3 < count; q += 4) {
    const p0 = pointOf[q]! * d;
    const p1 = pointOf[q + 1]! * d;
    const p2 = pointOf[q + 2]! * d;
    const p3 = pointOf[q + 3]! * d;
    const c0 = centroidOf[q]! * d;
    const c1 = centroidOf[q + 1]! * d;
    const c2 = centroidOf[q + 2]! * d;
    const c3 = centroidOf[q + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t += 1) {
      s0 += points[p0 + t]! * centroids[c0 + t]!;
      s1 += points[p1 + t]! * centroids[c1 + t]!;
      s2 += points[p2 + t]! * centroids[c2 + t]!;
      s3 += points[p3 + t]! * centroids[c3 + t]!;
    }
    out[q] = s0;
    out[q + 1] = s1;
    out[q + 2] = s2;
    out[q + 3] = s3;
  }
  for (; q < count; q += 1) out[q] = rowDot(points, pointOf[q]!, centroids, centroidOf[q]!, d);
}
