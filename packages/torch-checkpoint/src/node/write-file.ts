import type { BiGruEncoder } from '@halp/encoders';
import type { DataFileError } from '@halp/skeleton';
import { writeFileAtomic } from '@halp/skeleton/node';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { referenceCheckpointBytes } from '../write/reference-state-dict.js';

/** Writes `referenceCheckpointBytes(model, epoch)` to `path` atomically (temporary file, then rename). */
export function writeReferenceCheckpointFile(
  path: string,
  model: BiGruEncoder,
  epoch = 0,
): TE.TaskEither<DataFileError, void> {
  return pipe(
    TE.fromTask(() => referenceCheckpointBytes(model, epoch)),
    TE.chain((bytes) => writeFileAtomic(path, bytes)),
  );
}
