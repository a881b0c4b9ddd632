import type { Random } from '@halp/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { KeyQueue } from '../key-queue.js';

/** What a method sees of one training step. */
export interface ContrastiveStep {
  /** Global step index, 0-based, counted from the start of this run's schedule. */
  readonly step: number;
  /** B × D unit keys from the key encoder: constants, never on the gradient tape. */
  readonly keys: tf.Tensor2D;
  /** The key queue before this batch's keys are enqueued. */
  readonly queue: KeyQueue;
  /** The method's own random stream for this step. */
  readonly random: Random;
}

/** Method-specific constants computed before the gradient tape (e.g. hallucinated positives). */
export interface PreparedStep {
  dispose(): void;
}

/** Scalars a method reports for the last step, logged by the trainer (e.g. kept-positive fraction). */
export type MethodMetrics = Readonly<Record<string, number>>;

/**
 * A contrastive pretraining method, plugged into the trainer by name. The trainer owns the
 * encoders, the optimiser and the queue; a method turns queries and keys into named loss terms.
 *
 * Per step the trainer awaits `prepare` (outside the tape), calls `lossTerms` (inside the tape; the
 * terms are summed and minimised; each is checked for finiteness by name), then, after the
 * optimiser step and the enqueue, awaits `afterStep`.
 *
 * `prepare`, `afterStep` and `saveState` are asynchronous because they may read tensors back
 * (HaLP's draws and k-means run in JavaScript): only `await tensor.data()` works on every backend
 * (WebGPU under Node has no synchronous read-back). `lossTerms` runs inside the synchronous tape
 * and must therefore not read tensors back.
 */
export interface PretrainingMethod<Prepared extends PreparedStep = PreparedStep> {
  readonly name: string;
  prepare(step: ContrastiveStep): Promise<Prepared>;
  lossTerms(queries: tf.Tensor2D, step: ContrastiveStep, prepared: Prepared): Record<string, tf.Scalar>;
  afterStep(step: ContrastiveStep): Promise<void>;
  metrics(): MethodMetrics;
  /** JSON-serialisable state for checkpoints (e.g. prototypes); `restore` takes it back. */
  saveState(): Promise<unknown>;
  restoreState(state: unknown): void;
  dispose(): void;
}

/** Everything a method factory receives. */
export interface MethodContext {
  /** InfoNCE temperature τ. */
  readonly temperature: number;
  /** Queue capacity K. */
  readonly queueSize: number;
  /** Method-specific options from the configuration (validated by the method). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A named method factory. */
export interface MethodDefinition {
  readonly name: string;
  readonly description: string;
  /** Defaults of the method-specific options (also the keys the configuration accepts). */
  readonly defaults: Readonly<Record<string, unknown>>;
  create(context: MethodContext): PretrainingMethod;
}
