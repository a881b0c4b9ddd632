import { right } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { chainEitherK, type TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../../io/errors.js';
import { parseNtuSkeleton } from '../../raw/ntu-skeleton.js';
import { type PkuActionInstance, parsePkuLabels } from '../../raw/pku-labels.js';
import { type PkuSkeleton, parsePkuSkeleton } from '../../raw/pku-skeleton.js';
import type { RawSequence } from '../../raw/raw-sequence.js';
import { parseMissingSkeletonList, parseSplitList } from '../../raw/split-list.js';
import { readTextFile } from './read-text-file.js';

/** Reads and parses an NTU `.skeleton` file ({@link parseNtuSkeleton}). */
export function readNtuSkeleton(path: string, jointCount = 25): TaskEither<DataFileError, RawSequence> {
  return pipe(
    readTextFile(path),
    chainEitherK((text) => parseNtuSkeleton(text, path, jointCount)),
  );
}

/** Reads and parses a PKU-MMD label file ({@link parsePkuLabels}). */
export function readPkuLabels(path: string): TaskEither<DataFileError, PkuActionInstance[]> {
  return pipe(
    readTextFile(path),
    chainEitherK((text) => parsePkuLabels(text, path)),
  );
}

/** Reads and parses a PKU-MMD skeleton file ({@link parsePkuSkeleton}). */
export function readPkuSkeleton(path: string): TaskEither<DataFileError, PkuSkeleton> {
  return pipe(
    readTextFile(path),
    chainEitherK((text) => parsePkuSkeleton(text, path)),
  );
}

/** Reads and parses a PKU-MMD split list ({@link parseSplitList}). */
export function readSplitList(path: string): TaskEither<DataFileError, string[]> {
  return pipe(
    readTextFile(path),
    chainEitherK((text) => parseSplitList(text, path)),
  );
}

/** Reads a missing-skeleton list ({@link parseMissingSkeletonList}). */
export function readMissingSkeletonList(path: string): TaskEither<DataFileError, string[]> {
  return pipe(
    readTextFile(path),
    chainEitherK((text) => right(parseMissingSkeletonList(text))),
  );
}
