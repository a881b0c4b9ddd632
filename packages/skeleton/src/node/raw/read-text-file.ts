import { readFile } from 'node:fs/promises';
import { type TaskEither, tryCatch } from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';

/** Reads a UTF-8 text file; a missing or unreadable file is a {@link DataFileError}, not a throw. */
export function readTextFile(path: string): TaskEither<DataFileError, string> {
  return tryCatch(
    () => readFile(path, 'utf8'),
    (error) => ioError(path, 'read', 'a readable text file', error),
  );
}
