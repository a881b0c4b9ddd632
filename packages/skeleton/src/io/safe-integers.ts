import * as E from 'fp-ts/lib/Either.js';
import { dtypeKind } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';
import type { NdArray } from './nd-array.js';

/**
 * The elements of an integer array as JavaScript numbers, exactly: for `int64` / `uint64` (NumPy's
 * default `int`, e.g. `<part>_num_frame.npy`) every value must lie within ±(2^53 − 1), or the result
 * is an error naming the first element that does not. Any integer dtype is accepted, so files
 * written where NumPy's `int` is 32-bit read the same.
 */
export function toSafeIntegers(array: NdArray, file: string): E.Either<DataFileError, Float64Array> {
  const kind = dtypeKind(array.dtype);
  if (kind !== 'i' && kind !== 'u') {
    return E.left(dataFileError('npy', file, 'header', 'an integer dtype', `dtype ${array.dtype}`));
  }
  const numbers = new Float64Array(array.data.length);
  for (let i = 0; i < array.data.length; i++) {
    const value = array.data[i]!;
    const number = Number(value);
    if (!Number.isSafeInteger(number)) {
      const found = `${value} (beyond 2^53 − 1)`;
      return E.left(dataFileError('npy', file, `element ${i}`, 'an integer within ±(2^53 − 1)', found));
    }
    numbers[i] = number;
  }
  return E.right(numbers);
}
