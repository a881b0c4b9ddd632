import { type DataFileError, dataFileError } from './errors.js';

/**
 * A failed operating-system call (open, read, write, rename) as a {@link DataFileError}: `position`
 * says which operation, `found` carries the system's message (`ENOENT: no such file or directory`).
 */
export function ioError(file: string, operation: string, expected: string, cause: unknown): DataFileError {
  const found = cause instanceof Error ? cause.message : String(cause);
  return dataFileError('io', file, operation, expected, found);
}
