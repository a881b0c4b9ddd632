import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DtypeName } from '../../io/dtype.js';
import { type DataFileError, dataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';
import type { NdArray } from '../../io/nd-array.js';
import { decodeNpy, requireDtype } from '../../io/npy-read.js';

/** Options of {@link readNpy}. */
export interface ReadNpyOptions<E extends DtypeName> {
  /** Refuse the file unless it holds this dtype; the result is then typed accordingly. */
  readonly dtype?: E;
}

/**
 * Reads a whole `.npy` file. Files too large for one buffer (the 7 GB NTU-60 training array) are
 * refused with a pointer to {@link openNpy}, which reads records lazily.
 */
export function readNpy<E extends DtypeName>(
  path: string,
  options: ReadNpyOptions<E> & { readonly dtype: E },
): TE.TaskEither<DataFileError, NdArray<E>>;
export function readNpy(
  path: string,
  options?: ReadNpyOptions<DtypeName>,
): TE.TaskEither<DataFileError, NdArray>;
export function readNpy(
  path: string,
  options: ReadNpyOptions<DtypeName> = {},
): TE.TaskEither<DataFileError, NdArray> {
  return pipe(
    TE.tryCatch(
      () => stat(path),
      (cause) => ioError(path, 'open', 'a readable file', cause),
    ),
    TE.filterOrElse(
      (stats) => stats.size <= MAX_WHOLE_FILE_BYTES,
      (stats) =>
        dataFileError(
          'npy',
          path,
          'whole file',
          `at most ${MAX_WHOLE_FILE_BYTES} bytes for readNpy (openNpy reads records lazily)`,
          `${stats.size} bytes`,
        ),
    ),
    TE.chain(() =>
      TE.tryCatch(
        () => readFile(path),
        (cause) => ioError(path, 'read', 'a readable file', cause),
      ),
    ),
    TE.chainEitherK((bytes) => decodeNpy(bytes, path)),
    TE.chainEitherK((array) =>
      options.dtype === undefined ? E.right(array) : requireDtype(array, options.dtype, path),
    ),
  );
}

/** Node's `readFile` limit: 2 GiB (`buffer.constants.MAX_LENGTH` can be smaller on 32-bit hosts). */
const MAX_WHOLE_FILE_BYTES = Math.min(2 ** 31 - 1, constants.MAX_LENGTH);
