import {
  generateSyntheticDataset,
  inMemoryDataset,
  type SkeletonDataset,
  type SyntheticBenchmark,
  subsetDataset,
  syntheticSplit,
} from '@halp/skeleton';
import { CliError } from './cli-error.js';

/** The clips a command trains on, and a labelled held-out split when there is one. */
export interface TrainingData {
  readonly train: SkeletonDataset;
  readonly heldOut?: SkeletonDataset;
  readonly description: string;
}

/**
 * `synthetic` generates the built-in dataset (seed 0) and splits it by performer (`xsub`) or
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
      description: `synthetic ${benchmark}: ${split.train.length} training and ${split.val.length} held-out clips, ${dataset.classNames.length} classes`,
    };
  }
  throw new CliError(`reading processed folders (${source}) is not available yet; use --data synthetic`);
}
