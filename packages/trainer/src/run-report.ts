import * as tf from '@tensorflow/tfjs-core';
import type { PretrainConfig } from './config.js';
import { type MetricsSink, nullMetricsSink } from './metrics.js';
import type { NonFiniteFailure, PretrainInputs } from './pretrain-types.js';
import type { StepLosses } from './train-step.js';
import type { TrainingState } from './training-state.js';

/** One step as the run saw it: where it was, its rate, its losses and how long it took. */
export interface StepReport {
  readonly epoch: number;
  /** 1-based position of the batch in its epoch. */
  readonly batch: number;
  readonly learningRate: number;
  readonly losses: StepLosses;
  readonly seconds: number;
}

/** Everything a run tells the outside: metrics records and progress callbacks. */
export interface RunReporter {
  step(report: StepReport): void;
  epoch(epoch: number, meanLoss: number, seconds: number, monitored: Readonly<Record<string, number>>): void;
  stopped(failure: NonFiniteFailure, lastCheckpoint: string | null): void;
}

export function runReporter(
  config: PretrainConfig,
  inputs: PretrainInputs,
  state: TrainingState,
  batchesPerEpoch: number,
): RunReporter {
  const metrics: MetricsSink = inputs.metrics ?? nullMetricsSink;
  const totalSteps = config.epochs * batchesPerEpoch;
  return {
    step({ epoch, batch, learningRate, losses, seconds }) {
      metrics.write({
        type: 'step',
        epoch,
        step: state.step,
        learningRate,
        loss: losses.total,
        ...prefixKeys('loss/', losses.terms),
        ...prefixKeys('method/', state.method.metrics()),
        stepSeconds: seconds,
        backend: inputs.backend ?? tf.getBackend(),
      });
      inputs.onProgress?.({
        epoch,
        epochs: config.epochs,
        batch,
        batchesPerEpoch,
        step: state.step,
        totalSteps,
        loss: losses.total,
        secondsPerStep: seconds,
      });
    },
    epoch(epoch, meanLoss, seconds, monitored) {
      metrics.write({ type: 'epoch', epoch, loss: meanLoss, seconds, ...monitored });
    },
    stopped(failure, lastCheckpoint) {
      metrics.write({
        type: 'stopped',
        reason: 'non-finite loss',
        step: failure.step,
        term: failure.term,
        value: String(failure.value),
        lastCheckpoint,
      });
    },
  };
}

function prefixKeys(prefix: string, record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}
