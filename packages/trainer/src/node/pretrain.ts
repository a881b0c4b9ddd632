import { builtInMethods, type MethodRegistry } from '@halp/contrastive';
import { stepLearningRate } from '@halp/optim';
import { createRandom, forkRandom } from '@halp/random';
import { createBatcher, type SkeletonDataset, type SkeletonLayout } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import type { PretrainConfig } from '../config.js';
import { type MetricsSink, nullMetricsSink } from '../metrics.js';
import { NonFiniteLossError, type StepLosses, trainStep } from '../train-step.js';
import {
  createTrainingState,
  disposeTrainingState,
  restoreTrainingState,
  type StreamState,
  snapshotTrainingState,
  type TrainingState,
} from '../training-state.js';
import { contrastiveViews, stackViews } from '../views.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint-file.js';

/** Progress of a run, reported after every step. */
export interface PretrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly secondsPerStep: number;
}

export interface PretrainInputs {
  readonly dataset: SkeletonDataset;
  readonly layout: SkeletonLayout;
  readonly methods?: MethodRegistry;
  readonly metrics?: MetricsSink;
  readonly onProgress?: (progress: PretrainProgress) => void;
  /**
   * Called every `config.knnEvery` epochs with the streams (their query encoders are what a user
   * keeps); returns named accuracies to log.
   */
  readonly monitor?: (
    streams: readonly StreamState[],
    epoch: number,
  ) => Promise<Readonly<Record<string, number>>>;
  /** Continue a run from one of its checkpoints (weights, optimizer, queue, method, counters). */
  readonly resumeFrom?: string;
  /** Continue another method's checkpoint with this config's method (the paper's baseline → HaLP schedule). */
  readonly warmStartFrom?: string;
  /** Name of the backend in use, logged with the metrics. */
  readonly backend?: string;
}

export interface PretrainResult {
  readonly status: 'completed' | 'stopped-non-finite';
  /** Set when the run stopped on a non-finite loss. */
  readonly failure?: { readonly step: number; readonly term: string; readonly value: number };
  readonly epochsCompleted: number;
  readonly steps: number;
  /** Path of the newest checkpoint written (null if none). */
  readonly lastCheckpoint: string | null;
  /** Mean total loss of each epoch run in this call. */
  readonly epochLosses: readonly number[];
  /** The trained state; dispose it with {@link disposeTrainingState} when done. */
  readonly state: TrainingState;
}

/**
 * Pretrains an encoder with a contrastive method. Deterministic: the same config, data and seed
 * give the same weights, and a run resumed from a checkpoint ends where an uninterrupted one does
 * (batches and augmentations depend only on (seed, epoch, sample); each step's draws only on
 * (seed, step)).
 */
export async function pretrain(config: PretrainConfig, inputs: PretrainInputs): Promise<PretrainResult> {
  const methods = inputs.methods ?? builtInMethods;
  const metrics = inputs.metrics ?? nullMetricsSink;
  const random = createRandom(config.seed);
  if (inputs.dataset.length === 0) throw new RangeError('the pretraining dataset is empty');
  const { channels, bodies } = inputs.dataset.clip(0);
  const state = createTrainingState(config, methods, random, { layout: inputs.layout, channels, bodies });
  let lastCheckpoint: string | null = null;
  try {
    if (inputs.resumeFrom !== undefined) {
      restoreTrainingState(state, await loadCheckpoint(inputs.resumeFrom), 'resume');
      lastCheckpoint = inputs.resumeFrom;
    } else if (inputs.warmStartFrom !== undefined) {
      restoreTrainingState(state, await loadCheckpoint(inputs.warmStartFrom), 'warm-start');
    }
  } catch (error) {
    disposeTrainingState(state);
    throw error;
  }

  const batcher = createBatcher(inputs.dataset, {
    batchSize: config.batchSize,
    random: forkRandom(random, 'batches'),
    transform: contrastiveViews(config.frames, state.streams, inputs.layout),
    dropLast: true,
  });
  if (batcher.batchesPerEpoch === 0) {
    disposeTrainingState(state);
    throw new RangeError(
      `the dataset has ${inputs.dataset.length} clips, fewer than one batch of ${config.batchSize}`,
    );
  }
  const totalSteps = config.epochs * batcher.batchesPerEpoch;
  const epochLosses: number[] = [];
  const saveCheckpoint = async (): Promise<void> => {
    if (config.checkpoint.directory === null) return;
    const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
    const contents = await snapshotTrainingState(state);
    lastCheckpoint = await writeCheckpoint(config.checkpoint.directory, name, contents);
    await writeCheckpoint(config.checkpoint.directory, 'latest', contents);
  };

  while (state.epoch < config.epochs) {
    const epoch = state.epoch;
    const learningRate = stepLearningRate(
      config.optimizer.learningRate,
      epoch,
      config.optimizer.milestones,
      config.optimizer.gamma,
    );
    const epochStart = performance.now();
    let lossSum = 0;
    let batchIndex = 0;
    for await (const batch of batcher.epoch(epoch)) {
      const started = performance.now();
      const views = stackViews(batch);
      let losses: StepLosses;
      try {
        losses = await trainStep(state, views, learningRate, forkRandom(random, `step ${state.step}`));
      } catch (error) {
        if (error instanceof NonFiniteLossError) {
          metrics.write({
            type: 'stopped',
            reason: 'non-finite loss',
            step: error.step,
            term: error.term,
            value: String(error.value),
            lastCheckpoint,
          });
          return {
            status: 'stopped-non-finite',
            failure: { step: error.step, term: error.term, value: error.value },
            epochsCompleted: state.epoch,
            steps: state.step,
            lastCheckpoint,
            epochLosses,
            state,
          };
        }
        throw error;
      } finally {
        tf.dispose([...views.query, ...views.key]);
      }
      const seconds = (performance.now() - started) / 1000;
      lossSum += losses.total;
      batchIndex += 1;
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
        batch: batchIndex,
        batchesPerEpoch: batcher.batchesPerEpoch,
        step: state.step,
        totalSteps,
        loss: losses.total,
        secondsPerStep: seconds,
      });
    }
    state.epoch += 1;
    const meanLoss = lossSum / batchIndex;
    epochLosses.push(meanLoss);
    const monitored =
      inputs.monitor !== undefined && config.knnEvery > 0 && state.epoch % config.knnEvery === 0
        ? await inputs.monitor(state.streams, state.epoch)
        : {};
    metrics.write({
      type: 'epoch',
      epoch,
      loss: meanLoss,
      seconds: (performance.now() - epochStart) / 1000,
      ...monitored,
    });
    if (state.epoch % config.checkpoint.every === 0 || state.epoch === config.epochs) await saveCheckpoint();
  }
  return {
    status: 'completed',
    epochsCompleted: state.epoch,
    steps: state.step,
    lastCheckpoint,
    epochLosses,
    state,
  };
}

async function loadCheckpoint(path: string) {
  const result = await readCheckpoint(path);
  if (E.isLeft(result)) throw new Error(`${result.left.path}: ${result.left.message}`);
  return result.right;
}

function prefixKeys(prefix: string, record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}
