import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Clip } from '../../clip.js';
import { checkedAccessor, type SkeletonDataset } from '../../dataset/dataset.js';
import { clipPosition, firstNonFinite } from '../../dataset/finite-values.js';
import type { Part } from '../../dataset/part.js';
import { type DataFileError, DataFileException, dataFileError } from '../../io/errors.js';
import type { NdArray } from '../../io/nd-array.js';
import { toSafeIntegers } from '../../io/safe-integers.js';
import { readLabelPickle } from '../io/label-pickle-file.js';
import { type NpyFile, openNpy } from '../io/npy-file.js';
import { readNpy } from '../io/read-npy.js';
import { type ProcessedFiles, processedFiles } from './processed-files.js';

/** A dataset read lazily from disk; close it to release the data file. */
export interface NpyDataset extends SkeletonDataset {
  close(): Promise<void>;
}

/**
 * Opens one part of a processed split folder (`<folder>/<part>_data_joint.npy`,
 * `<part>_num_frame.npy`, `<part>_label.pkl`). Only the small frame-count and label files are read
 * whole; each `clip(i)` reads that one record of the data file at its offset, so a 7 GB NTU array
 * costs 180 KB per clip, never the whole file. Checks up front that the data is float32 with five
 * axes (N, C, T, V, M), that the three files agree on N, and that every `num_frame` is at least 1
 * (counts above T are kept: the references record the frames of clips longer than T, which are
 * truncated to T). Every clip is checked for NaN and ±Infinity as it is read.
 *
 * `clip(i)` is synchronous (it sits in the batcher's sampling loop); a clip with a non-finite
 * value, or a file that fails after it was opened and checked, throws a {@link DataFileException}
 * naming the file, the sample's index and name, and the value's (c, t, v, m).
 */
export function openNpyDataset(folder: string, part: Part): TE.TaskEither<DataFileError, NpyDataset> {
  const files = processedFiles(folder, part);
  // The data file is opened last, so that a failure to read the other two leaks no descriptor.
  return pipe(
    TE.Do,
    TE.bind('validFrames', () =>
      pipe(
        readNpy(files.validFrames),
        TE.chainEitherK((array) => frameCounts(array, files.validFrames)),
      ),
    ),
    TE.bind('labelFile', () => readLabelPickle(files.labels)),
    TE.bind('data', () => openNpy(files.data, { dtype: 'float32' })),
    TE.chainEitherK(({ data, validFrames, labelFile }) => {
      const agreed = pipe(
        checkAgreement(data, validFrames.length, labelFile.labels.length, files),
        E.chain(() => checkFrameCounts(validFrames, labelFile.names, files.validFrames)),
      );
      if (E.isLeft(agreed)) data.closeSync();
      return pipe(
        agreed,
        E.map(() => npyDataset(data, validFrames, labelFile.labels, labelFile.names)),
      );
    }),
  );
}

/** The frame counts as numbers: a 1-D integer array (NumPy writes `num_frame` as int64). */
function frameCounts(array: NdArray, file: string): E.Either<DataFileError, Float64Array> {
  if (array.shape.length !== 1) {
    return E.left(dataFileError('npy', file, 'header', 'a 1-D array', `shape (${array.shape.join(', ')})`));
  }
  return toSafeIntegers(array, file);
}

/** Every clip has at least one recorded frame (0 or a negative count is a corrupt file). */
function checkFrameCounts(
  validFrames: Float64Array,
  names: readonly string[],
  file: string,
): E.Either<DataFileError, void> {
  const bad = validFrames.findIndex((count) => !(count >= 1));
  if (bad < 0) return E.right(undefined);
  return E.left(
    dataFileError('npy', file, `sample ${bad} (${names[bad]})`, 'a frame count ≥ 1', `${validFrames[bad]}`),
  );
}

function checkAgreement(
  data: NpyFile<'float32'>,
  frameCounts: number,
  labelCount: number,
  files: ProcessedFiles,
): E.Either<DataFileError, void> {
  if (data.recordShape.length !== 4) {
    return E.left(
      dataFileError(
        'npy',
        files.data,
        'header',
        'shape (N, C, T, V, M)',
        `(${[data.records, ...data.recordShape].join(', ')})`,
      ),
    );
  }
  if (frameCounts !== data.records) {
    return E.left(
      dataFileError('npy', files.validFrames, 'header', `${data.records} frame counts`, `${frameCounts}`),
    );
  }
  if (labelCount !== data.records) {
    return E.left(dataFileError('pickle', files.labels, 'labels', `${data.records} labels`, `${labelCount}`));
  }
  return E.right(undefined);
}

function npyDataset(
  data: NpyFile<'float32'>,
  validFrames: Float64Array,
  labels: readonly number[],
  names: readonly string[],
): NpyDataset {
  const [channels, frames, joints, bodies] = data.recordShape as [number, number, number, number];
  const count = data.records;
  return {
    length: count,
    clip: checkedAccessor(count, (index): Clip => {
      const record = data.readRecordSync(index);
      if (E.isLeft(record)) throw new DataFileException(record.left);
      const values = record.right.data;
      const bad = firstNonFinite(values);
      if (bad >= 0) {
        const position = clipPosition(bad, { frames, joints, bodies });
        throw new DataFileException(
          dataFileError(
            'npy',
            data.path,
            `sample ${index} (${names[index]}), value (c, t, v, m) = (${position.join(', ')})`,
            'finite coordinates',
            `${values[bad]}`,
          ),
        );
      }
      return { data: values, channels, frames, joints, bodies };
    }),
    validFrames: checkedAccessor(count, (index) => validFrames[index]!),
    label: checkedAccessor(count, (index) => labels[index]!),
    name: checkedAccessor(count, (index) => names[index]!),
    close: () => data.close(),
  };
}
