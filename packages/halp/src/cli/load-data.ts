import { existsSync } from 'node:fs';
import {
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
  return {
    train,
    heldOut,
    description: `${source}: ${train.length} training clips${heldOut === undefined ? '' : `, ${heldOut.length} held-out clips`}`,
  };
}
