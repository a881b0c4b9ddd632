import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { DtypeName } from './dtype.js';
import { dtypeMismatch } from './dtype-mismatch.js';
import type { DataFileError } from './errors.js';
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
