import { join } from 'node:path';
import * as A from 'fp-ts/lib/Array.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Part } from '../../dataset/part.js';
import type { DataFileError } from '../../io/errors.js';
import { pkuIntervalTracks } from '../../prepare/pku-interval-tracks.js';
import type { SampleSource } from '../../prepare/sample-source.js';
import type { PkuSplit } from '../../prepare/splits.js';
import type { PkuSkeleton } from '../../raw/pku-skeleton.js';
import { readPkuLabels, readPkuSkeleton, readSplitList } from '../raw/raw-files.js';
import { listFiles } from './list-directory.js';

/**
 * The samples of one part of a PKU-MMD phase II benchmark. `rawDir` holds `skeleton/<name>.txt`,
 * `label/<name>.txt` and the split lists. Order: recordings sorted by name, then their action
 * instances in label-file order; sample `k` of `A01N01-L.txt` is named `A01N01-L.txt_k`.
 */
export function listPkuSamples(
  rawDir: string,
  split: PkuSplit,
  part: Part,
): TE.TaskEither<DataFileError, SampleSource[]> {
  const readSkeleton = rememberLastSkeleton((file: string) =>
    readPkuSkeleton(join(rawDir, 'skeleton', file)),
  );
  return pipe(
    TE.Do,
    TE.bind('training', () => readSplitList(join(rawDir, split.listFile))),
    TE.bind('files', () => listFiles(join(rawDir, 'skeleton'), '.txt')),
    TE.chain(({ training, files }) => {
      const inTraining = new Set(training);
      const partFiles = files.filter(
        (file) => inTraining.has(file.slice(0, -'.txt'.length)) === (part === 'train'),
      );
      return pipe(
        partFiles,
        A.traverse(TE.ApplicativeSeq)((file) => {
          const labelFile = join(rawDir, 'label', file);
          return pipe(
            readPkuLabels(labelFile),
            TE.map((instances) =>
              instances.map(
                (instance, index): SampleSource => ({
                  name: `${file}_${index}`,
                  label: instance.label,
                  read: () =>
                    pipe(
                      readSkeleton(file),
                      TE.chainEitherK((skeleton) => pkuIntervalTracks(skeleton, instance, labelFile)),
                    ),
                }),
              ),
            ),
          );
        }),
        TE.map((perFile) => perFile.flat()),
      );
    }),
  );
}

/**
 * Remembers the last successful read: the instances of one recording are consecutive, so each
 * skeleton file is parsed once instead of once per instance (the reference re-reads it each time).
 * The cache is consulted when the task runs, not when it is created.
 */
function rememberLastSkeleton(read: (file: string) => TE.TaskEither<DataFileError, PkuSkeleton>) {
  let last: { file: string; skeleton: PkuSkeleton } | undefined;
  const readAndRemember = (file: string) =>
    pipe(
      read(file),
      TE.tap((skeleton) => {
        last = { file, skeleton };
        return TE.right(undefined);
      }),
    );
  return (file: string): TE.TaskEither<DataFileError, PkuSkeleton> =>
    () =>
      last?.file === file ? TE.right(last.skeleton)() : readAndRemember(file)();
}
