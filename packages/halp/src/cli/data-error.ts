import type { DataFileError } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from './cli-error.js';

/** Unwraps a data-file result, turning its typed error into the CLI's one-line error. */
export function orCliError<T>(result: E.Either<DataFileError, T>): T {
  if (E.isLeft(result)) throw new CliError(result.left.message);
  return result.right;
}
