import type { MethodRegistry } from '@halp/contrastive';
import type { SkeletonDataset, SkeletonLayout } from '@halp/skeleton';
import type { CheckpointContents } from './checkpoint-contents.js';
import type { MetricsSink } from './metrics.js';
import type { StreamState, TrainingState } from './training-state.js';

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

/** Computes named accuracies of the streams (their query encoders are what a user keeps). */
export type PretrainMonitor = (
  streams: readonly StreamState[],
  epoch: number,
) => Promise<Readonly<Record<string, number>>>;

export interface PretrainInputs {
  readonly dataset: SkeletonDataset;
  readonly layout: SkeletonLayout;
  readonly methods?: MethodRegistry;
  readonly metrics?: MetricsSink;
  readonly onProgress?: (progress: PretrainProgress) => void;
  /** Called every `config.knnEvery` epochs; what it returns is logged with the epoch's metrics. */
  readonly monitor?: PretrainMonitor;
  /** Continue a run from one of its checkpoints (weights, optimizer, queue, method, counters). */
  readonly resumeFrom?: string;
  /**
   * Continue another method's checkpoint with this config's method (the paper's baseline → HaLP
   * schedule): a checkpoint folder, or contents already loaded (a reference's PyTorch checkpoint
   * converted by `halp`'s `referenceTrainingCheckpoint`).
   */
  readonly warmStartFrom?: string | CheckpointContents;
  /** Name of the backend in use, logged with the metrics. */
  readonly backend?: string;
}

/**
 * Where a run stopped on a non-finite value: the step, and either the loss term and its value, or
 * (`term` 'state') the weight, statistic, velocity or queue tensor about to be saved, with how many
 * of its values are not finite.
 */
export interface NonFiniteFailure {
  readonly step: number;
  readonly term: string;
  readonly value: number;
  readonly tensor?: string;
  readonly count?: number;
}

export interface PretrainResult {
  readonly status: 'completed' | 'stopped-non-finite';
  /** Set when the run stopped on a non-finite loss or state. */
  readonly failure?: NonFiniteFailure;
  readonly epochsCompleted: number;
  readonly steps: number;
  /** Path of the newest checkpoint written (null if none). */
  readonly lastCheckpoint: string | null;
  /** Mean total loss of each epoch run in this call. */
  readonly epochLosses: readonly number[];
  /** The trained state; dispose it with `disposeTrainingState` when done. */
  readonly state: TrainingState;
}
