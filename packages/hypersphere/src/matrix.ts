import type { Vector } from './vector.js';

/**
 * A row-major matrix of row vectors, e.g. B embeddings of dimension D: row i occupies
 * `data[i·columns, (i+1)·columns)`.
 */
export interface Matrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: Float64Array | Float32Array;
}

/**
 * Builds a {@link Matrix}. A `Float64Array`/`Float32Array` is used as is (no copy), other array-likes
 * are copied into a `Float64Array`, and no `data` gives zeros. Throws a `RangeError` unless
 * `rows`/`columns` are non-negative integers and `data` has exactly rows·columns elements.
 */
export function matrix(
  rows: number,
  columns: number,
  data?: Float64Array | Float32Array | ArrayLike<number>,
): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(columns) || columns < 0) {
    throw new RangeError(`matrix: rows and columns must be non-negative integers, got ${rows}×${columns}`);
  }
  const size = rows * columns;
  if (data !== undefined && data.length !== size) {
    throw new RangeError(`matrix: ${rows}×${columns} needs ${size} elements, got ${data.length}`);
  }
  const storage =
    data instanceof Float64Array || data instanceof Float32Array
      ? data
      : data === undefined
        ? new Float64Array(size)
        : Float64Array.from(data);
  return { rows, columns, data: storage };
}

/** Row `i` of `m` as a zero-copy `subarray` view (writes to it write into the matrix). */
export function matrixRow(m: Matrix, i: number): Float64Array | Float32Array {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) {
    throw new RangeError(`matrixRow: row ${i} is outside 0..${m.rows - 1}`);
  }
  return m.data.subarray(i * m.columns, (i + 1) * m.columns);
}

/**
 * Stacks equally long vectors into a new `Float64Array`-backed matrix (copied). No rows give a 0×0
 * matrix; rows of different lengths throw a `RangeError`.
 */
export function matrixFromRows(rows: readonly Vector[]): Matrix {
  const columns = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * columns);
  rows.forEach((row, i) => {
    if (row.length !== columns) {
      throw new RangeError(`matrixFromRows: row ${i} has length ${row.length}, row 0 has ${columns}`);
    }
    for (let j = 0; j < columns; j += 1) data[i * columns + j] = row[j]!;
  });
  return { rows: rows.length, columns, data };
}
