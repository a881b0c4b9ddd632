import type { Matrix } from '@halp/hypersphere';
import { type DataFileError, ndArray } from '@halp/skeleton';
import { writeNpy } from '@halp/skeleton/node';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { asFloat32 } from '../float32.js';

/**
 * Writes a feature matrix as a float32 `.npy` of shape (rows, columns), readable with `np.load`
 * (e.g. to fit scikit-learn's kNN or t-SNE on the features). Atomic: a failed write leaves the
 * previous file. Float64 matrices are rounded to float32.
 */
export function saveFeatures(path: string, features: Matrix): TE.TaskEither<DataFileError, void> {
  return writeNpy(path, ndArray('float32', [features.rows, features.columns], asFloat32(features.data)));
}
