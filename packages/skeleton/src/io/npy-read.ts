import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DtypeName } from './dtype.js';
import { dtypeMismatch } from './dtype-mismatch.js';
import { type DataFileError, dataFileError } from './errors.js';
import { ioError } from './io-error.js';
import type { NdArray } from './nd-array.js';
import { decodeElements } from './npy-data.js';
import { parseNpyHeader } from './npy-header.js';

/**
 * Decodes a whole `.npy` file held in memory into an array in C order and host byte order.
 * The data must be exactly as long as the header's dtype and shape say: a truncated file or
 * trailing bytes are an error naming both byte counts. `bytes` is not modified.
 */
export function decodeNpy(bytes: Uint8Array, file: string): E.Either<DataFileError, NdArray> {
  return pipe(
    parseNpyHeader(bytes, file),
    E.chain((header) =>
      decodeElements(new Uint8Array(bytes.subarray(header.dataOffset)), header, file, header.dataOffset),
    ),
  );
}

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

/** The array typed as `dtype`, or an error naming the dtype the file holds instead. */
export function requireDtype<E extends DtypeName>(
  array: NdArray,
  dtype: E,
  file: string,
): E.Either<DataFileError, NdArray<E>> {
  // Sound: the dtype tag was just compared; TypeScript cannot narrow a union by a generic literal.
  return array.dtype === dtype
    ? E.right(array as NdArray<E>)
    : E.left(dtypeMismatch(file, dtype, array.dtype));
}
