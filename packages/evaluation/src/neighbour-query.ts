import type { Matrix } from '@halp/hypersphere';

/**
 * Checks a nearest-neighbour query shared by the array and the tensor forms: k in [1, training
 * rows] and queries as wide as the training rows. `caller` names the function in the RangeError.
 */
export function checkNeighbourQuery(caller: string, train: Matrix, queries: Matrix, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > train.rows) {
    throw new RangeError(`${caller}: k must be an integer in [1, ${train.rows}] (training rows), got ${k}`);
  }
  if (queries.columns !== train.columns) {
    throw new RangeError(
      `${caller}: queries have ${queries.columns} columns, training rows ${train.columns}`,
    );
  }
}
