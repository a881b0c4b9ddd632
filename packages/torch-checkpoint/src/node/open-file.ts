import type { DataFileError } from '@halp/skeleton';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { openTorchCheckpoint, type TorchCheckpoint } from '../torch-checkpoint.js';
import { fileSource } from './file-source.js';

/** Opens a `torch.save` checkpoint file (see `openTorchCheckpoint`); tensors are read on demand. */
export function openTorchCheckpointFile(path: string): TE.TaskEither<DataFileError, TorchCheckpoint> {
  return pipe(fileSource(path), TE.chain(openTorchCheckpoint));
}
