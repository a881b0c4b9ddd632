import { join } from 'node:path';
import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Part } from '../../dataset/part.js';
import type { DataFileError } from '../../io/errors.js';
import type { SampleSource } from '../../prepare/sample-source.js';
import { type SelectMainBodiesOptions, selectMainBodies } from '../../prepare/select-main-bodies.js';
import { type NtuSplit, ntuPart } from '../../prepare/splits.js';
import { parseNtuSampleName } from '../../raw/ntu-sample-name.js';
import { readNtuSkeleton } from '../raw/raw-files.js';
import { listFiles } from './list-directory.js';

export interface NtuSampleOptions extends SelectMainBodiesOptions {
  /** Sample names to skip, with or without `.skeleton` (the public missing-skeleton lists). */
  readonly missingSkeletons?: readonly string[] | undefined;
}

/**
 * The samples of one part of an NTU benchmark: every `.skeleton` file of `skeletonDir` whose name
 * is not in `missingSkeletons`, in sorted name order, labelled `action − 1`. A `.skeleton` file
 * whose name is not `SsssCcccPpppRrrrAaaa.skeleton` is an error, not silently skipped.
 */
export function listNtuSamples(
  skeletonDir: string,
  split: NtuSplit,
  part: Part,
  options: NtuSampleOptions = {},
): TE.TaskEither<DataFileError, SampleSource[]> {
  const missing = new Set((options.missingSkeletons ?? []).map((name) => name.replace(/\.skeleton$/, '')));
  return pipe(
    listFiles(skeletonDir, '.skeleton'),
    TE.chainEitherK((files) =>
      pipe(
        files.filter((file) => !missing.has(file.replace(/\.skeleton$/, ''))),
        A.traverse(E.Applicative)((file) =>
          pipe(
            parseNtuSampleName(file),
            E.map((id) => ({ file, id })),
          ),
        ),
      ),
    ),
    TE.map((samples) =>
      samples
        .filter(({ id }) => ntuPart(split, id) === part)
        .map(({ file, id }) => ({
          name: file,
          label: id.action - 1,
          read: () =>
            pipe(
              readNtuSkeleton(join(skeletonDir, file)),
              TE.map((sequence) => selectMainBodies(sequence, options)),
            ),
        })),
    ),
  );
}
