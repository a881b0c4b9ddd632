import { builtInMethods } from '@halp/contrastive';
import { createRandom, forkRandom, type Random } from '@halp/random';
import { type Batcher, createBatcher } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type { CheckpointContents } from '../checkpoint-contents.js';
import type { PretrainConfig } from '../config.js';
import type { PretrainInputs } from '../pretrain-types.js';
import { checkResumable } from '../resume-check.js';
import {
  createTrainingState,
  disposeTrainingState,
  restoreTrainingState,
  type TrainingState,
} from '../training-state.js';
import { contrastiveViews, type ViewPair } from '../views.js';
import { readCheckpoint } from './checkpoint-file.js';

/** What a run works on: its state (fresh, resumed or warm-started), its batches and its generator. */
export interface TrainingRun {
  readonly state: TrainingState;
  readonly batcher: Batcher<ViewPair>;
  /** The run's root generator; each step forks its own draws from it by step number. */
  readonly random: Random;
  /** The checkpoint the run continues (its newest one until it writes another), null for a new run. */
  readonly resumedFrom: string | null;
}

/**
 * The state a run starts from, restored from `inputs.resumeFrom` or `inputs.warmStartFrom` when
 * given, and its batcher. Disposes the state before throwing.
 *
 * @throws RangeError when the dataset is empty or smaller than one batch; Error when a checkpoint
 *   cannot be read or does not fit the config; ResumeMismatchError when `resumeFrom` is another
 *   run's checkpoint.
 */
export async function openTrainingRun(config: PretrainConfig, inputs: PretrainInputs): Promise<TrainingRun> {
  const random = createRandom(config.seed);
  if (inputs.dataset.length === 0) throw new RangeError('the pretraining dataset is empty');
  const { channels, bodies } = inputs.dataset.clip(0);
  const state = createTrainingState(config, inputs.methods ?? builtInMethods, random, {
    layout: inputs.layout,
    channels,
    bodies,
  });
  try {
    let stepUnknown = false;
    if (inputs.resumeFrom !== undefined) {
      const checkpoint = await loadCheckpoint(inputs.resumeFrom);
      checkResumable(checkpoint.metadata, config);
      restoreTrainingState(state, checkpoint, 'resume');
    } else if (inputs.warmStartFrom !== undefined) {
      const { warmStartFrom } = inputs;
      const checkpoint =
        typeof warmStartFrom === 'string' ? await loadCheckpoint(warmStartFrom) : warmStartFrom;
      restoreTrainingState(state, checkpoint, 'warm-start');
      stepUnknown = typeof checkpoint.metadata.step !== 'number';
    }
    const batcher = createBatcher(inputs.dataset, {
      batchSize: config.batchSize,
      random: forkRandom(random, 'batches'),
      transform: contrastiveViews(config.frames, state.streams, inputs.layout),
      dropLast: true,
    });
    if (batcher.batchesPerEpoch === 0) {
      throw new RangeError(
        `the dataset has ${inputs.dataset.length} clips, fewer than one batch of ${config.batchSize}`,
      );
    }
    // As many steps as an uninterrupted run of this config would have done (each step's draws depend on it).
    if (stepUnknown) state.step = state.epoch * batcher.batchesPerEpoch;
    return { state, batcher, random, resumedFrom: inputs.resumeFrom ?? null };
  } catch (error) {
    disposeTrainingState(state);
    throw error;
  }
}

async function loadCheckpoint(path: string): Promise<CheckpointContents> {
  const result = await readCheckpoint(path);
  if (E.isLeft(result)) throw new Error(`${result.left.path}: ${result.left.message}`);
  return result.right;
}
