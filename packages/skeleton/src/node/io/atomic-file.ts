import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';

let temporaryFiles = 0;

/**
 * A fresh name beside `path` (same directory, hence same file system, so that the final rename is
 * atomic): `.<name>.<pid>.<n>.tmp`. Unique within the process by a counter and across processes by
 * the pid; no randomness needed.
 */
export function temporaryPathFor(path: string): string {
  temporaryFiles += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${temporaryFiles}.tmp`);
}

/**
 * Moves a finished temporary file onto `path`. Readers see either the old file or the complete new
 * one, never a partial write.
 */
export function commitTemporaryFile(temporary: string, path: string): TE.TaskEither<DataFileError, void> {
  return TE.tryCatch(
    () => rename(temporary, path),
    (cause) => ioError(path, 'rename', `to replace the file with ${temporary}`, cause),
  );
}

/**
 * Deletes a temporary file after a failure. Never rejects: the failure being reported matters more
 * than a leftover temporary file.
 */
export function discardTemporaryFile(temporary: string): Promise<void> {
  return rm(temporary, { force: true }).catch(() => undefined);
}

/**
 * Writes `bytes` to `path` atomically: into a temporary file in the same directory, flushed to disk,
 * then renamed over `path`. On failure the temporary file is removed and `path` is untouched.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): TE.TaskEither<DataFileError, void> {
  const temporary = temporaryPathFor(path);
  return pipe(
    TE.tryCatch(
      async () => {
        const handle = await open(temporary, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
      (cause) => ioError(path, 'write', 'a writable directory', cause),
    ),
    TE.chain(() => commitTemporaryFile(temporary, path)),
    TE.orElseFirstTaskK(() => () => discardTemporaryFile(temporary)),
  );
}
