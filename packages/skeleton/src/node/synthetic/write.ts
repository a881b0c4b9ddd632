import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Part } from '../../dataset/part.js';
import { type DataFileError, dataFileError } from '../../io/errors.js';
import { ndArray } from '../../io/nd-array.js';
import type { SyntheticDataset } from '../../synthetic/generate.js';
import { type SyntheticBenchmark, syntheticSplit } from '../../synthetic/splits.js';
import { processedFiles } from '../dataset/processed-files.js';
import { writeLabelPickle } from '../io/label-pickle-file.js';
import { writeNpy } from '../io/npy-write.js';
import { createNpyWriter, type NpyWriter } from '../io/npy-writer.js';

/**
 * Writes a synthetic dataset in the references' processed layout, one folder per benchmark:
 * `<folder>/<benchmark>/{train,val}_data_joint.npy` (float32 N × 3 × T × 25 × 2),
 * `_num_frame.npy` (int64) and `_label.pkl` (pickle of `(names, labels)`), the files the
 * reference trainers and {@link openNpyDataset} read.
 */
export function writeSyntheticDataset(
  folder: string,
  dataset: SyntheticDataset,
  benchmarks: readonly SyntheticBenchmark[] = ['xsub', 'xview'],
): TE.TaskEither<DataFileError, void> {
  return async () => {
    for (const benchmark of benchmarks) {
      const split = syntheticSplit(dataset, benchmark);
      for (const [part, indices] of [
        ['train', split.train],
        ['val', split.val],
      ] as const) {
        const written = await writePart(join(folder, benchmark), part, dataset, indices)();
        if (E.isLeft(written)) return written;
      }
    }
    return E.right(undefined);
  };
}

function writePart(
  folder: string,
  part: Part,
  dataset: SyntheticDataset,
  indices: Int32Array,
): TE.TaskEither<DataFileError, void> {
  const files = processedFiles(folder, part);
  const { channels, frames, joints, bodies } = dataset.shape;
  const clipSize = channels * frames * joints * bodies;
  const appendClips =
    (writer: NpyWriter<'float32'>): TE.TaskEither<DataFileError, void> =>
    async () => {
      for (const n of indices) {
        const appended = await writer.append(dataset.data.subarray(n * clipSize, (n + 1) * clipSize))();
        if (E.isLeft(appended)) {
          await writer.abort();
          return appended;
        }
      }
      return writer.finish()();
    };
  return pipe(
    TE.tryCatch(
      () => mkdir(folder, { recursive: true }),
      (cause) => dataFileError('io', folder, 'mkdir', 'a writable directory', String(cause)),
    ),
    TE.chain(() =>
      createNpyWriter(files.data, 'float32', [indices.length, channels, frames, joints, bodies]),
    ),
    TE.chain(appendClips),
    TE.chain(() =>
      writeNpy(
        files.validFrames,
        ndArray(
          'int64',
          [indices.length],
          BigInt64Array.from(indices, (n) => BigInt(dataset.validFrames[n]!)),
        ),
      ),
    ),
    TE.chain(() =>
      writeLabelPickle(
        files.labels,
        Array.from(indices, (n) => dataset.names[n]!),
        Array.from(indices, (n) => dataset.labels[n]!),
      ),
    ),
  );
}
