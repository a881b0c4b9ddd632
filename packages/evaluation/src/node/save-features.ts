import type { Matrix } from '@halp/hypersphere';
import { type DataFileError, dataFileError, firstNonFinite, ndArray } from '@halp/skeleton';
import { writeNpy } from '@halp/skeleton/node';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { asFloat32 } from '../float32.js';

/**
 * Writes a feature matrix as a float32 `.npy` of shape (rows, columns), readable with `np.load`
 * (e.g. to fit scikit-learn's kNN or t-SNE on the features). Atomic: a failed write leaves the
 * previous file. Float64 matrices are rounded to float32. Features with a NaN or ±Infinity are
 * refused (naming the row), never written.
 */
export function saveFeatures(path: string, features: Matrix): TE.TaskEither<DataFileError, void> {
  const bad = firstNonFinite(features.data);
  if (bad >= 0) {
    const row = Math.floor(bad / features.columns);
    return TE.left(dataFileError('npy', path, `row ${row}`, 'finite features', `${features.data[bad]}`));
  }
  return writeNpy(path, ndArray('float32', [features.rows, features.columns], asFloat32(features.data)));
}
