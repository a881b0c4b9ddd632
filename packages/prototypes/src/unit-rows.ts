import { type Matrix, matrixFromRows, matrixRow, norm, type Vector } from '@halp/hypersphere';

/** A matrix of unit rows in float64, the working copy every step of the clustering reads. */
export interface UnitRows extends Matrix {
  readonly data: Float64Array;
}

/**
 * A fresh `Float64Array`-backed copy of `points` with every row scaled to unit norm: k-means on the
 * sphere sees directions only, so keys that are slightly off the sphere (e.g. after a float32 round
 * trip) are projected back onto it. Throws a `RangeError` for an empty input, rows of different
 * lengths, a non-finite value or a zero row (which has no direction).
 */
export function unitRows(points: Matrix | readonly Vector[]): UnitRows {
  const source = isMatrix(points) ? points : matrixFromRows(sameLengthRows(points));
  const { rows, columns } = source;
  if (rows === 0 || columns === 0) {
    throw new RangeError(`sphericalKMeans: points must be non-empty, got ${rows}×${columns}`);
  }
  if (source.data.length !== rows * columns) {
    throw new RangeError(
      `sphericalKMeans: points is ${rows}×${columns} but has ${source.data.length} values`,
    );
  }
  const unit: UnitRows = { rows, columns, data: Float64Array.from(source.data) };
  for (let i = 0; i < rows; i += 1) {
    const row = matrixRow(unit, i);
    // ‖row‖ is finite exactly when every value is (norm rescales instead of overflowing).
    const length = norm(row);
    if (!Number.isFinite(length)) {
      throw new RangeError(`sphericalKMeans: points row ${i} has a non-finite value`);
    }
    if (length === 0) throw new RangeError(`sphericalKMeans: points row ${i} is zero and has no direction`);
    for (let t = 0; t < columns; t += 1) row[t]! /= length;
  }
  return unit;
}

function sameLengthRows(rows: readonly Vector[]): readonly Vector[] {
  rows.forEach((row, i) => {
    if (row.length !== rows[0]!.length) {
      throw new RangeError(
        `sphericalKMeans: points row ${i} has length ${row.length}, row 0 has ${rows[0]!.length}`,
      );
    }
  });
  return rows;
}

function isMatrix(points: Matrix | readonly Vector[]): points is Matrix {
  return !Array.isArray(points);
}
