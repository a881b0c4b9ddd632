import { readFile } from 'node:fs/promises';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';
import { decodeLabelPickle, encodeLabelPickle } from '../../io/label-pickle.js';
import type { LabelFile } from '../../io/label-values.js';
import { writeFileAtomic } from './atomic-file.js';

/** Reads and decodes a `<part>_label.pkl` file; see {@link decodeLabelPickle}. */
export function readLabelPickle(path: string): TE.TaskEither<DataFileError, LabelFile> {
  return pipe(
    TE.tryCatch(
      () => readFile(path),
      (cause) => ioError(path, 'read', 'a readable file', cause),
    ),
    TE.chainEitherK((bytes) => decodeLabelPickle(bytes, path)),
  );
}

/** Writes a label file Python's `pickle.load` reads, atomically; see {@link encodeLabelPickle}. */
export function writeLabelPickle(
  path: string,
  names: readonly string[],
  labels: readonly number[],
): TE.TaskEither<DataFileError, void> {
  return pipe(
    TE.fromEither(encodeLabelPickle(names, labels, path)),
    TE.chain((bytes) => writeFileAtomic(path, bytes)),
  );
}
