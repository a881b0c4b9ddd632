import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import type { NdArray } from '../../io/nd-array.js';
import { type EncodeNpyOptions, encodeNpy } from '../../io/npy-encode.js';
import { writeFileAtomic } from './atomic-file.js';

/**
 * Writes `array` as a `.npy` file that `np.load` reads (same bytes as `np.save`), atomically: a
 * crash leaves either the previous file or the complete new one. For arrays too large for memory use
 * {@link createNpyWriter}.
 */
export function writeNpy(
  path: string,
  array: NdArray,
  options?: EncodeNpyOptions,
): TE.TaskEither<DataFileError, void> {
  return writeFileAtomic(path, encodeNpy(array, options));
}
