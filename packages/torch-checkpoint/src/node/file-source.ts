import { open, stat } from 'node:fs/promises';
import { type DataFileError, dataFileError } from '@halp/skeleton';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ByteSource } from '../byte-source.js';

/**
 * A {@link ByteSource} over a file on disk: each read opens the file, reads the range and closes it,
 * so nothing is left open however the caller stops (a 500 MB checkpoint is never read whole).
 */
export function fileSource(path: string): TE.TaskEither<DataFileError, ByteSource> {
  return TE.tryCatch(
    async () => {
      const { size, isFile } = await stat(path).then((stats) => ({
        size: stats.size,
        isFile: stats.isFile(),
      }));
      if (!isFile) throw new Error('not a regular file');
      return {
        name: path,
        size,
        read: async (offset: number, length: number) => {
          const handle = await open(path, 'r');
          try {
            const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
            const { bytesRead } = await handle.read(bytes, 0, bytes.length, offset);
            return bytes.subarray(0, bytesRead);
          } finally {
            await handle.close();
          }
        },
      };
    },
    (cause) =>
      dataFileError(
        'io',
        path,
        'open',
        'a readable checkpoint file',
        cause instanceof Error ? cause.message : String(cause),
      ),
  );
}
