import { existsSync } from 'node:fs';
import {
  dataFileError,
  generateSyntheticDataset,
  inMemoryDataset,
  type SkeletonDataset,
  type SyntheticBenchmark,
  subsetDataset,
  syntheticSplit,
} from '@halp/skeleton';
import { openNpyDataset, processedFiles } from '@halp/skeleton/node';
import { CliError } from './cli-error.js';
import { orCliError } from './data-error.js';

/** The clips a command trains on, and a labelled held-out split when there is one. */
export interface TrainingData {
  readonly train: SkeletonDataset;
  readonly heldOut?: SkeletonDataset;
  readonly description: string;
  /** Names of the labels, when the data knows them (the synthetic dataset does). */
  readonly classNames?: readonly string[];
}

/**
 * A processed folder (`train_data_joint.npy`, … and optionally `val_*`) is opened lazily: clips are
 * read by byte offset when a batch needs them. `synthetic` generates the built-in dataset (seed 0) and splits it by performer (`xsub`) or
 * camera (`xview`).
 */
export async function loadTrainingData(source: string, benchmark: string): Promise<TrainingData> {
  if (source === 'synthetic') {
    if (benchmark !== 'xsub' && benchmark !== 'xview') {
      throw new CliError(`--benchmark: the synthetic dataset has xsub and xview, not "${benchmark}"`);
    }
    const dataset = generateSyntheticDataset({ seed: 0 });
    const split = syntheticSplit(dataset, benchmark as SyntheticBenchmark);
    const all = inMemoryDataset(dataset);
    return {
      train: subsetDataset(all, split.train),
      heldOut: subsetDataset(all, split.val),
      classNames: dataset.classNames,
      description: `synthetic ${benchmark}: ${split.train.length} training and ${split.val.length} held-out clips, ${dataset.classNames.length} classes`,
    };
  }
  const train = orCliError(await openNpyDataset(source, 'train')());
  const heldOut = existsSync(processedFiles(source, 'val').data)
    ? orCliError(await openNpyDataset(source, 'val')())
    : undefined;
  if (heldOut !== undefined) checkHeldOutClasses(train, heldOut, processedFiles(source, 'val').labels);
  return {
    train,
    heldOut,
    description:
      `${source}: ${train.length} training clips${heldOut === undefined ? '' : `, ${heldOut.length} held-out clips`}` +
      truncationNote([train, ...(heldOut === undefined ? [] : [heldOut])]),
  };
}

/**
 * Says how many clips record more frames (`num_frame`) than the T stored: they are read as their
 * first T frames, as the references read them. Shown rather than refused, because the references'
 * files (and `halp prepare`'s, which equal them) record the frames of longer clips uncapped.
 */
function truncationNote(parts: readonly SkeletonDataset[]): string {
  if (parts[0]!.length === 0) return '';
  const stored = parts[0]!.clip(0).frames;
  let longer = 0;
  for (const part of parts)
    for (let i = 0; i < part.length; i += 1) if (part.validFrames(i) > stored) longer += 1;
  if (longer === 0) return '';
  const clips = longer === 1 ? '1 clip records' : `${longer} clips record`;
  return `; ${clips} more than the ${stored} stored frames (read as their first ${stored}, as the references do)`;
}

/**
 * Every held-out label must be a class the training split has (0..K−1, K one more than its largest
 * label): a classifier fitted on train can never predict another, so scores would be silently low.
 */
function checkHeldOutClasses(train: SkeletonDataset, heldOut: SkeletonDataset, file: string): void {
  let classes = 0;
  for (let i = 0; i < train.length; i += 1) classes = Math.max(classes, train.label(i) + 1);
  for (let i = 0; i < heldOut.length; i += 1) {
    const label = heldOut.label(i);
    if (label >= classes) {
      throw new CliError(
        dataFileError(
          'pickle',
          file,
          `labels[${i}] (${heldOut.name(i)})`,
          `a class of the training split, 0..${classes - 1}`,
          `${label}`,
        ).message,
      );
    }
  }
}
