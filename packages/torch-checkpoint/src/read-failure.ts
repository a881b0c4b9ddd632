import { type DataFileError, type DataFormat, dataFileError } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/** Thrown inside the readers and turned into a Left at their boundary (see {@link attempt}). */
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

/** Throws the Left of `result` as a {@link ReadFailure}, or returns its Right. */
export function orFail<T>(result: E.Either<DataFileError, T>): T {
  if (E.isLeft(result)) throw new ReadFailure(result.left);
  return result.right;
}

/** Runs a reader, turning its {@link ReadFailure} into a Left and anything else into a rejection. */
export function attempt<T>(run: () => Promise<T>): TE.TaskEither<DataFileError, T> {
  return async () => {
    try {
      return E.right(await run());
    } catch (error) {
      if (error instanceof ReadFailure) return E.left(error.error);
      throw error;
    }
  };
}
