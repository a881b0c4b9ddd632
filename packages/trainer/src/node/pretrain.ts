import type { PretrainConfig } from '../config.js';
import { trainEpoch } from '../epoch-loop.js';
import type { PretrainInputs, PretrainResult } from '../pretrain-types.js';
import { monitorAfterEpoch } from '../run-monitor.js';
import { runReporter } from '../run-report.js';
import { disposeTrainingState } from '../training-state.js';
import { checkpointSchedule } from './run-checkpoints.js';
import { openTrainingRun } from './training-run.js';

/**
 * Pretrains an encoder with a contrastive method. Deterministic: the same config, data and seed
 * give the same weights, and a run resumed from a checkpoint ends where an uninterrupted one does
 * (batches and augmentations depend only on (seed, epoch, sample); each step's draws only on
 * (seed, step)). Stops at the first non-finite loss, or at a checkpoint (or the end) whose state
 * holds a non-finite value, keeping the checkpoints already written (all finite).
 */
export async function pretrain(config: PretrainConfig, inputs: PretrainInputs): Promise<PretrainResult> {
  const run = await openTrainingRun(config, inputs);
  const { state } = run;
  // What an interrupted attempt recorded after the checkpoint is recorded again by this run.
  if (run.resumedFrom !== null) inputs.metrics?.rewind?.({ epoch: state.epoch, step: state.step });
  const reporter = runReporter(config, inputs, state, run.batcher.batchesPerEpoch);
  const checkpoints = await checkpointSchedule(config, run.resumedFrom).catch((error: unknown) => {
    disposeTrainingState(state);
    throw error;
  });
  const epochLosses: number[] = [];
  const result = (status: PretrainResult['status']) => ({
    status,
    epochsCompleted: state.epoch,
    steps: state.step,
    lastCheckpoint: checkpoints.last,
    epochLosses,
    state,
  });

  while (state.epoch < config.epochs) {
    const started = performance.now();
    const outcome = await trainEpoch(config, run, reporter);
    if (outcome.kind === 'stopped') {
      reporter.stopped(outcome.failure, checkpoints.last);
      return { ...result('stopped-non-finite'), failure: outcome.failure };
    }
    const epoch = state.epoch;
    state.epoch += 1;
    epochLosses.push(outcome.meanLoss);
    const monitored = await monitorAfterEpoch(config, inputs.monitor, state);
    reporter.epoch(epoch, outcome.meanLoss, (performance.now() - started) / 1000, monitored);
    const nonFinite = await checkpoints.afterEpoch(state);
    if (nonFinite !== undefined) {
      reporter.stopped(nonFinite, checkpoints.last);
      return { ...result('stopped-non-finite'), failure: nonFinite };
    }
  }
  return result('completed');
}
