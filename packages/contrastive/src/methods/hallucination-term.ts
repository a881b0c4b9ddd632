import type { HallucinationTensors } from '@halp/hallucinate/tensor';
import { hallucinateTensorAsync, halpLossTensor } from '@halp/hallucinate/tensor';
import { matrix } from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import type { Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import type { HalpOptions } from './halp-options.js';
import type { StreamStep } from './method.js';

/** Positives hallucinated from one stream's keys for one step. */
export interface Hallucinated {
  readonly tensors: HallucinationTensors;
  /** Fraction of the hallucinated positives that keep their anchor's closest prototype. */
  readonly keptFraction: number;
}

/** Checkpointed state of a {@link HallucinationTerm}. */
export interface HallucinationTermState {
  readonly keysSeen: number;
  readonly prototypes: { readonly shape: [number, number]; readonly values: number[] } | null;
}

/**
 * HaLP's term for one key stream (docs/method.md §2–3): prototypes of the stream's queue, positives
 * hallucinated from its keys along geodesics towards them, and μ·L_HaLP pulling a query towards
 * those positives.
 *
 * Schedule of the reference: nothing is hallucinated until `warmupKeys` keys have been enqueued
 * during this run (0 means 2K + 1, its `total_sk_seen`); then the prototypes are clustered from the
 * newest `keysForPrototypes` keys, and re-clustered after every `updateEvery`-th step (after the
 * enqueue, as the reference does).
 */
export interface HallucinationTerm {
  /** Positives for this step, or null while warming up. */
  prepare(stream: StreamStep, random: Random): Promise<Hallucinated | null>;
  /** μ·L_HaLP of `queries` (on the tape) against the prepared positives. */
  loss(queries: tf.Tensor2D, hallucinated: Hallucinated, temperature: number): tf.Scalar;
  afterStep(stream: StreamStep, step: number, random: Random): Promise<void>;
  saveState(): Promise<HallucinationTermState>;
  restoreState(state: HallucinationTermState): void;
  dispose(): void;
}

export function createHallucinationTerm(settings: HalpOptions, queueSize: number): HallucinationTerm {
  const warmupKeys = settings.warmupKeys === 0 ? 2 * queueSize + 1 : settings.warmupKeys;
  let prototypes: tf.Tensor2D | null = null;
  let keysSeen = 0;

  const refreshPrototypes = async (stream: StreamStep, random: Random): Promise<void> => {
    const newest = stream.queue.newest(Math.min(settings.keysForPrototypes, stream.queue.capacity));
    const values = (await newest.data()) as Float32Array;
    const [rows, columns] = newest.shape;
    newest.dispose();
    const clusters = sphericalKMeans(matrix(rows, columns, values), Math.min(settings.numPrototypes, rows), {
      random,
      centroid: settings.centroid,
    });
    prototypes?.dispose();
    prototypes = tf.tensor2d(Float32Array.from(clusters.centroids.data), [clusters.centroids.rows, columns]);
  };

  return {
    async prepare(stream, random) {
      if (prototypes === null && keysSeen >= warmupKeys) await refreshPrototypes(stream, random);
      if (prototypes === null) return null;
      const tensors = await hallucinateTensorAsync(stream.keys, prototypes, settings, random);
      const kept = (await tensors.keptCount.data())[0]!;
      return { tensors, keptFraction: kept / (tensors.keep.shape[0] * tensors.keep.shape[1]) };
    },
    loss: (queries, { tensors }, temperature) =>
      tf.tidy(
        () =>
          tf.mul(
            halpLossTensor(queries, tensors.positives, tensors.keep, temperature),
            settings.mu,
          ) as tf.Scalar,
      ),
    async afterStep(stream, step, random) {
      keysSeen += stream.keys.shape[0];
      if (prototypes !== null && step % settings.updateEvery === 0) await refreshPrototypes(stream, random);
    },
    saveState: async () => ({
      keysSeen,
      prototypes:
        prototypes === null ? null : { shape: prototypes.shape, values: Array.from(await prototypes.data()) },
    }),
    restoreState(state) {
      keysSeen = state.keysSeen;
      prototypes?.dispose();
      prototypes =
        state.prototypes === null ? null : tf.tensor2d(state.prototypes.values, state.prototypes.shape);
    },
    dispose() {
      prototypes?.dispose();
      prototypes = null;
    },
  };
}
