import { type DataFileError, type DataFormat, dataFileError } from '@halp/skeleton';

/** Thrown inside the readers and turned into a Left at their boundary (see `attempt`). */
export class ReadFailure extends Error {
  constructor(readonly error: DataFileError) {
    super(error.message);
  }
}

/** Throws a {@link ReadFailure} naming the file, the position, what was expected and found. */
export function fail(
  format: DataFormat,
  file: string,
  position: string,
  expected: string,
  found: string,
): never {
  throw new ReadFailure(dataFileError(format, file, position, expected, found));
}
