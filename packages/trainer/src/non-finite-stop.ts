import type { Random } from '@halp/random';
import type { Batch } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import type { NonFiniteFailure } from './pretrain-types.js';
import { NonFiniteLossError, type StepLosses, trainStep } from './train-step.js';
import type { TrainingState } from './training-state.js';
import { stackViews, type ViewPair } from './views.js';

/** A step's losses, or the non-finite loss that stopped it. */
export type StepOutcome =
  | { readonly kind: 'trained'; readonly losses: StepLosses }
  | { readonly kind: 'stopped'; readonly failure: NonFiniteFailure };

/**
 * One training step on a batch of view pairs. A non-finite loss is not an exception here but an
 * outcome the run stops on: `trainStep` has rejected the step, so the state (and the checkpoints
 * already written) hold the last good weights. Any other error is thrown.
 */
export async function stepOrStop(
  state: TrainingState,
  batch: Batch<ViewPair>,
  learningRate: number,
  random: Random,
): Promise<StepOutcome> {
  const views = stackViews(batch);
  try {
    return { kind: 'trained', losses: await trainStep(state, views, learningRate, random) };
  } catch (error) {
    if (!(error instanceof NonFiniteLossError)) throw error;
    return { kind: 'stopped', failure: { step: error.step, term: error.term, value: error.value } };
  } finally {
    tf.dispose([...views.query, ...views.key]);
  }
}
