import { readdir } from 'node:fs/promises';
import { type TaskEither, tryCatch } from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';
import { byName } from '../../prepare/sample-source.js';

/** Names of the files in `directory` ending in `suffix`, sorted by {@link byName}. */
export function listFiles(directory: string, suffix: string): TaskEither<DataFileError, string[]> {
  return tryCatch(
    async () => {
      const entries = await readdir(directory, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
        .map((entry) => entry.name)
        .sort(byName);
    },
    (error) => ioError(directory, 'list directory', `a folder of ${suffix} files`, error),
  );
}
