import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type DataFileError, DataFileException } from '../io/errors.js';

/*
 * The pipeline is a long loop over files with early exits; it reads best as an async function.
 * These two helpers keep the fp-ts boundary: inside, a failed step throws its DataFileError;
 * outside, the caller gets a TaskEither again.
 */

/** Runs a step, throwing its error as a {@link DataFileException}. */
export async function orThrow<A>(task: TE.TaskEither<DataFileError, A>): Promise<A> {
  const result = await task();
  if (E.isLeft(result)) throw new DataFileException(result.left);
  return result.right;
}

/** An async function whose {@link DataFileException}s become `Left`s; other exceptions are bugs and propagate. */
export function fromSteps<A>(steps: () => Promise<A>): TE.TaskEither<DataFileError, A> {
  return () =>
    steps().then(E.right, (error: unknown) => {
      if (error instanceof DataFileException) return E.left(error.error);
      throw error;
    });
}
