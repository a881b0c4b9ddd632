import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Part } from '../../dataset/part.js';
import { type DataFileError, DataFileException, dataFileError } from '../../io/errors.js';
import { ndArray } from '../../io/nd-array.js';
import { kinect25 } from '../../layouts/kinect25.js';
import { isEmptyClip } from '../../prepare/clip-frames.js';
import { preNormalize } from '../../prepare/pre-normalize.js';
import type { SampleSource } from '../../prepare/sample-source.js';
import type { BodyAssignment } from '../../prepare/select-main-bodies.js';
import type { Split } from '../../prepare/splits.js';
import { fromSteps, orThrow } from '../../prepare/task-either-steps.js';
import { MAX_FRAMES, tracksToClip } from '../../prepare/tracks-to-clip.js';
import { type ProcessedFiles, processedFiles } from '../dataset/processed-files.js';
import { writeLabelPickle } from '../io/label-pickle-file.js';
import { writeNpy } from '../io/npy-write.js';
import { createNpyWriter } from '../io/npy-writer.js';
import { readNpy } from '../io/read-npy.js';
import { listNtuSamples } from './ntu-samples.js';
import {
  chunkPath,
  openCheckpoint,
  type PartCheckpoint,
  recordChunk,
  removeCheckpoint,
} from './part-checkpoint.js';
import { listPkuSamples } from './pku-samples.js';

export interface PrepareOptions {
  /**
   * NTU: the folder of `.skeleton` files (`nturgb+d_skeletons`). PKU-MMD II: the folder holding
   * `skeleton/`, `label/` and the split lists.
   */
  readonly rawDir: string;
  /** Receives `<part>_data_joint.npy`, `<part>_num_frame.npy` and `<part>_label.pkl`. */
  readonly outDir: string;
  /** The benchmark; its `dataset` says how to read `rawDir`. */
  readonly split: Split;
  /** Default both, `train` then `val`. */
  readonly parts?: readonly Part[];
  /** NTU samples to skip (the public lists of samples with missing skeletons). */
  readonly missingSkeletons?: readonly string[];
  /** NTU: how bodies become tracks before energy selection; default `'by-position'` as the references. */
  readonly bodyAssignment?: BodyAssignment;
  /** Frames per clip; default 300. */
  readonly maxFrames?: number;
  /** Continue an interrupted run from its last completed chunk instead of starting over. */
  readonly resume?: boolean;
  /** Samples per checkpoint chunk (default 256, about 46 MB of clips). */
  readonly chunkSize?: number;
  /** Called after every processed sample, and once per chunk skipped on resume. */
  readonly onProgress?: (progress: PrepareProgress) => void;
}

export interface PrepareProgress {
  readonly part: Part;
  /** Samples of this part done so far, resumed ones included. */
  readonly completed: number;
  readonly total: number;
  /** The sample just processed (absent for a chunk taken from a previous run). */
  readonly sample?: string;
}

/** What `prepare` wrote for one part. */
export interface PreparedPart {
  readonly part: Part;
  readonly samples: number;
  readonly files: ProcessedFiles;
  /**
   * Samples in which no body was found: kept as all-zero clips like the reference (which prints
   * "has no skeleton"); the public missing-skeleton lists exist to skip them.
   */
  readonly emptySamples: readonly string[];
}

const JOINTS = kinect25.jointNames.length;
const BODIES = 2;

/**
 * Converts a raw NTU RGB+D or PKU-MMD II folder into the arrays the reference trainers read, for
 * each part of `split`: `<part>_data_joint.npy` (float32, N × 3 × 300 × 25 × 2, pre-normalised as by
 * the references), `<part>_num_frame.npy` (int64, frames per raw sample, not capped) and
 * `<part>_label.pkl` (`(names, labels)`, labels 0-based). Samples are in sorted name order (the
 * references use the directory listing order, which differs between machines).
 *
 * Clips are processed one at a time and checkpointed in chunks in a work folder
 * `<outDir>/.<part>.prepare/`, merged into the final files at the end of each part; every output file
 * appears atomically (written beside, then renamed). While a part is being merged its data occupies
 * the disk twice. The first broken input stops the run with a {@link DataFileError} naming it.
 */
export function prepare(options: PrepareOptions): TE.TaskEither<DataFileError, PreparedPart[]> {
  return fromSteps(async () => {
    const prepared: PreparedPart[] = [];
    for (const part of options.parts ?? (['train', 'val'] as const))
      prepared.push(await preparePart(options, part));
    return prepared;
  });
}

async function preparePart(options: PrepareOptions, part: Part): Promise<PreparedPart> {
  const { outDir, onProgress } = options;
  const maxFrames = options.maxFrames ?? MAX_FRAMES;
  const chunkSize = options.chunkSize ?? 256;
  const clipShape = [3, maxFrames, JOINTS, BODIES];
  const clipSize = clipShape.reduce((product, dimension) => product * dimension);
  const samples = await orThrow(listSamples(options, part));
  if (samples.length === 0) {
    // An empty part would be written as 0-sample arrays that nothing can train or score on.
    const what =
      options.split.dataset === 'ntu' ? '.skeleton files' : 'skeleton/ files listed in the split file';
    throw new DataFileException(
      dataFileError(
        'io',
        options.rawDir,
        'folder',
        `${what} of the ${part} part of ${options.split.name}`,
        'none',
      ),
    );
  }
  const checkpoint = await openCheckpoint(
    join(outDir, `.${part}.prepare`),
    fingerprint(options, part, samples),
    chunkSize,
    options.resume ?? false,
  );
  const chunks = Math.ceil(samples.length / chunkSize);
  let completed = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const members = samples.slice(chunk * chunkSize, (chunk + 1) * chunkSize);
    if (checkpoint.completed.has(chunk)) {
      completed += members.length;
      onProgress?.({ part, completed, total: samples.length });
      continue;
    }
    const clips = new Float32Array(members.length * clipSize);
    const numFrame: number[] = [];
    const emptySamples: string[] = [];
    for (const [index, sample] of members.entries()) {
      const tracks = await orThrow(sample.read());
      const clip = preNormalize(tracksToClip(tracks, maxFrames), kinect25);
      clips.set(clip.data, index * clipSize);
      numFrame.push(tracks.frameCount);
      if (isEmptyClip(clip)) emptySamples.push(sample.name);
      onProgress?.({ part, completed: ++completed, total: samples.length, sample: sample.name });
    }
    await recordChunk(checkpoint, chunk, clips, clipShape, { numFrame, emptySamples });
  }
  const files = processedFiles(outDir, part);
  await mergeChunks(checkpoint, chunks, files.data, [samples.length, ...clipShape]);
  const summaries = Array.from({ length: chunks }, (_, chunk) => checkpoint.completed.get(chunk)!);
  const numFrame = summaries.flatMap((summary) => summary.numFrame);
  await orThrow(
    writeNpy(files.validFrames, ndArray('int64', [samples.length], BigInt64Array.from(numFrame, BigInt))),
  );
  await orThrow(
    writeLabelPickle(
      files.labels,
      samples.map((sample) => sample.name),
      samples.map((sample) => sample.label),
    ),
  );
  await removeCheckpoint(checkpoint);
  return {
    part,
    samples: samples.length,
    files,
    emptySamples: summaries.flatMap((summary) => summary.emptySamples),
  };
}

function listSamples(options: PrepareOptions, part: Part): TE.TaskEither<DataFileError, SampleSource[]> {
  const { split, rawDir } = options;
  return split.dataset === 'ntu'
    ? listNtuSamples(rawDir, split, part, {
        missingSkeletons: options.missingSkeletons,
        bodyAssignment: options.bodyAssignment,
      })
    : listPkuSamples(rawDir, split, part);
}

/** Identifies what a checkpoint was computed from, so that a resume never mixes two runs. */
function fingerprint(options: PrepareOptions, part: Part, samples: readonly SampleSource[]): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      split: options.split,
      part,
      bodyAssignment: options.bodyAssignment ?? 'by-position',
      maxFrames: options.maxFrames ?? MAX_FRAMES,
    }),
  );
  for (const sample of samples) hash.update(`\n${sample.name}\t${sample.label}`);
  return hash.digest('hex');
}

/** Streams the chunks, in order, into the final `.npy` file. */
async function mergeChunks(
  checkpoint: PartCheckpoint,
  chunks: number,
  path: string,
  shape: readonly number[],
): Promise<void> {
  const writer = await orThrow(createNpyWriter(path, 'float32', shape));
  const clipSize = shape.slice(1).reduce((product, dimension) => product * dimension, 1);
  try {
    for (let chunk = 0; chunk < chunks; chunk++) {
      const file = chunkPath(checkpoint, chunk);
      const clips = await orThrow(readNpy(file, { dtype: 'float32' }));
      const expected = checkpoint.completed.get(chunk)!.numFrame.length * clipSize;
      if (clips.data.length !== expected) {
        throw new DataFileException(
          dataFileError('npy', file, 'shape', `${expected} float32 values`, `${clips.data.length}`),
        );
      }
      await orThrow(writer.append(clips.data));
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await orThrow(writer.finish());
}
