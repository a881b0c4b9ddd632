import { forkRandom } from '@halp/random';
import type { PretrainConfig } from './config.js';
import type { TrainingRun } from './node/training-run.js';
import { type StepOutcome, stepOrStop } from './non-finite-stop.js';
import type { NonFiniteFailure } from './pretrain-types.js';
import type { RunReporter } from './run-report.js';
import { epochLearningRate } from './schedule.js';

/** How an epoch ended: every batch trained (with the mean total loss), or stopped on a non-finite loss. */
export type EpochOutcome =
  | { readonly kind: 'completed'; readonly meanLoss: number }
  | { readonly kind: 'stopped'; readonly failure: NonFiniteFailure };

/**
 * Trains every batch of the state's current epoch at the epoch's learning rate, reporting each step.
 * Each step draws from a generator forked by step number, so a resumed run draws what an
 * uninterrupted one does. Does not advance `state.epoch`.
 */
export async function trainEpoch(
  config: PretrainConfig,
  run: TrainingRun,
  reporter: RunReporter,
): Promise<EpochOutcome> {
  const { state, batcher, random } = run;
  const epoch = state.epoch;
  const learningRate = epochLearningRate(config.optimizer, epoch);
  let lossSum = 0;
  let batches = 0;
  for await (const batch of batcher.epoch(epoch)) {
    const started = performance.now();
    const outcome: StepOutcome = await stepOrStop(
      state,
      batch,
      learningRate,
      forkRandom(random, `step ${state.step}`),
    );
    if (outcome.kind === 'stopped') return outcome;
    const seconds = (performance.now() - started) / 1000;
    lossSum += outcome.losses.total;
    batches += 1;
    reporter.step({ epoch, batch: batches, learningRate, losses: outcome.losses, seconds });
  }
  return { kind: 'completed', meanLoss: lossSum / batches };
}
