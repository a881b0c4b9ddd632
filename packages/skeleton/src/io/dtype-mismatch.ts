import type { DtypeName } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';

/** The file holds `found` where the caller asked for `expected`. */
export function dtypeMismatch(file: string, expected: DtypeName, found: DtypeName): DataFileError {
  return dataFileError('npy', file, 'header', `dtype ${expected}`, `dtype ${found}`);
}
