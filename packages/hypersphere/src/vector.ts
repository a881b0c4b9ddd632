/**
 * A vector argument: any array-like of numbers (`number[]`, `Float64Array`, `Float32Array`, a
 * `subarray` view of a matrix row). Functions never modify their vector arguments; the vectors they
 * return are fresh `Float64Array`s.
 */
export type Vector = ArrayLike<number>;

/** Throws a `RangeError` unless `a` and `b` have the same length (a dimension mismatch is a caller bug). */
export function assertSameDimension(a: Vector, b: Vector, operation: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${operation}: vectors have different dimensions (${a.length} and ${b.length})`);
  }
}

/** Euclidean inner product a·b = Σᵢ aᵢbᵢ. */
export function dot(a: Vector, b: Vector): number {
  assertSameDimension(a, b, 'dot');
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
