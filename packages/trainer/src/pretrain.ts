import { realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { builtInMethods, type MethodRegistry } from '@halp/contrastive';
import { stepLearningRate } from '@halp/optim';
import { createRandom, forkRandom } from '@halp/random';
import { createBatcher, type SkeletonDataset, type SkeletonLayout } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import {
  firstNonFiniteTensor,
  LATEST,
  NonFiniteCheckpointError,
  pointLatest,
  readCheckpoint,
  removeCheckpointLeftovers,
  writeCheckpoint,
} from './checkpoint-file.js';
import type { PretrainConfig } from './config.js';
import { type MetricsSink, nullMetricsSink } from './metrics.js';
import { checkResumable } from './resume-check.js';
import { NonFiniteLossError, type StepLosses, trainStep } from './train-step.js';
import {
  createTrainingState,
  disposeTrainingState,
  restoreTrainingState,
  type StreamState,
  snapshotTrainingState,
  type TrainingState,
} from './training-state.js';
import { contrastiveViews, stackViews } from './views.js';

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
  /**
   * Set when the run stopped on a non-finite value: a loss term (`term`), or a weight, optimizer or
   * queue tensor about to be saved (`tensor`, with how many of its values are not finite).
   */
  readonly failure?: {
    readonly step: number;
    readonly term: string;
    readonly value: number;
    readonly tensor?: string;
    readonly count?: number;
  };
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
  const checkpointDirectory = config.checkpoint.directory;
  try {
    if (checkpointDirectory !== null) await removeCheckpointLeftovers(checkpointDirectory);
    if (inputs.resumeFrom !== undefined) {
      const checkpoint = await loadCheckpoint(inputs.resumeFrom);
      checkResumable(checkpoint.metadata, config);
      restoreTrainingState(state, checkpoint, 'resume');
      lastCheckpoint = inputs.resumeFrom;
      if (checkpointDirectory !== null) await continueLatestFrom(checkpointDirectory, inputs.resumeFrom);
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
  /** Writes `epoch-NNNN` and points `latest` at it; a state with a non-finite value is refused. */
  const saveCheckpoint = async (): Promise<NonFiniteCheckpointError | undefined> => {
    const contents = await snapshotTrainingState(state);
    if (checkpointDirectory === null) {
      const nonFinite = firstNonFiniteTensor(contents.tensors);
      return nonFinite && new NonFiniteCheckpointError(nonFinite.tensor, nonFinite.count, nonFinite.value);
    }
    const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
    let written: string;
    try {
      written = await writeCheckpoint(checkpointDirectory, name, contents);
    } catch (error) {
      if (error instanceof NonFiniteCheckpointError) return error;
      throw error;
    }
    await pointLatest(checkpointDirectory, name);
    lastCheckpoint = written;
    return undefined;
  };
  const stopped = (failure: PretrainResult['failure'] & {}): PretrainResult => {
    metrics.write({
      type: 'stopped',
      reason: failure.tensor === undefined ? 'non-finite loss' : 'non-finite state',
      ...failure,
      value: String(failure.value),
      lastCheckpoint,
    });
    return {
      status: 'stopped-non-finite',
      failure,
      epochsCompleted: state.epoch,
      steps: state.step,
      lastCheckpoint,
      epochLosses,
      state,
    };
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
          return stopped({ step: error.step, term: error.term, value: error.value });
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
    // The last epoch is always checked (and saved when there is a checkpoint folder).
    const due = state.epoch % config.checkpoint.every === 0 || state.epoch === config.epochs;
    if (due && (checkpointDirectory !== null || state.epoch === config.epochs)) {
      const nonFinite = await saveCheckpoint();
      if (nonFinite !== undefined) {
        return stopped({
          step: state.step,
          term: 'state',
          value: nonFinite.value,
          tensor: nonFinite.tensor,
          count: nonFinite.count,
        });
      }
    }
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

/**
 * A run resumed from one of its own checkpoints continues from there: `latest` is pointed at it
 * first, so that it never names a later checkpoint of the abandoned attempt while that is rewritten.
 */
async function continueLatestFrom(directory: string, resumeFrom: string): Promise<void> {
  const [resolved, folder] = await Promise.all([realpath(resumeFrom), realpath(directory).catch(() => '')]);
  if (dirname(resolved) === folder && basename(resolved) !== LATEST)
    await pointLatest(directory, basename(resolved));
}

async function loadCheckpoint(path: string) {
  const result = await readCheckpoint(path);
  if (E.isLeft(result)) throw new Error(`${result.left.path}: ${result.left.message}`);
  return result.right;
}

function prefixKeys(prefix: string, record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}
