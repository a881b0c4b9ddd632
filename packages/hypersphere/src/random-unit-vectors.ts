import { fillNormal, type Random } from '@halp/random';
import { type Matrix, matrixRow } from './matrix.js';
import { normalizeInto } from './normalize.js';

/**
 * n independent points drawn uniformly from the unit sphere S^{dim−1}, as the rows of an n×dim
 * matrix: each row is a standard Gaussian vector divided by its norm (the Gaussian is rotation
 * invariant, so its direction is uniform). A row whose Gaussian draw is exactly zero (probability
 * ~2^−53 per component) is drawn again, so every row has unit norm. Used e.g. to initialise the MoCo
 * queue. Throws a `RangeError` unless n ≥ 0 and dim ≥ 1 are integers.
 */
export function randomUnitVectors(n: number, dim: number, random: Random): Matrix {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`randomUnitVectors: need integers n ≥ 0 and dim ≥ 1, got n=${n}, dim=${dim}`);
  }
  const result: Matrix = { rows: n, columns: dim, data: new Float64Array(n * dim) };
  for (let i = 0; i < n; i += 1) {
    const row = matrixRow(result, i);
    do normalizeInto(fillNormal(random, row), row);
    while (row.every((value) => value === 0));
  }
  return result;
}
