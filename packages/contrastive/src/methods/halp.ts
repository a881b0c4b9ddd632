import {
  DEFAULT_HALLUCINATION_OPTIONS,
  type HallucinationOptions,
  resolveHallucinationOptions,
} from '@halp/hallucinate';
import { type HallucinationTensors, hallucinateTensorAsync, halpLossTensor } from '@halp/hallucinate/tensor';
import { matrix } from '@halp/hypersphere';
import { type CentroidRuleName, sphericalKMeans } from '@halp/prototypes';
import * as tf from '@tensorflow/tfjs-core';
import { infoNceLoss } from '../info-nce.js';
import type { ContrastiveStep, MethodDefinition, PreparedStep, PretrainingMethod } from './method.js';

/** HaLP's options beyond the hallucination itself (names of the reference's flags in brackets). */
export interface HalpOptions extends HallucinationOptions {
  /** μ, weight of L_HaLP in L_CL + μ·L_HaLP [`--mu`]. */
  readonly mu: number;
  /** C, number of prototypes [`--num_prototypes`]. */
  readonly numPrototypes: number;
  /** Newest queue keys clustered into prototypes [`--queue_els_for_prototypes`]. */
  readonly keysForPrototypes: number;
  /** Refresh the prototypes every this many steps [`--update_prototypes_every`]. */
  readonly updateEvery: number;
  /**
   * Keys that must have passed through the queue before positives are hallucinated; 0 means the
   * reference's 2K + 1 (its `total_sk_seen`, counted from the start of the HaLP run).
   */
  readonly warmupKeys: number;
  /** Centroid rule of the spherical k-means ('frechet' is the reference's Riemannian k-means). */
  readonly centroid: CentroidRuleName;
}

export const DEFAULT_HALP_OPTIONS: HalpOptions = {
  ...DEFAULT_HALLUCINATION_OPTIONS,
  mu: 2,
  numPrototypes: 20,
  keysForPrototypes: 256,
  updateEvery: 10,
  warmupKeys: 0,
  centroid: 'frechet',
};

interface HalpPrepared extends PreparedStep {
  readonly hallucinations: HallucinationTensors | null;
  /** Fraction of the hallucinated positives that keep their anchor's closest prototype. */
  readonly keptFraction: number;
}

/**
 * HaLP (§2–3 of the method): L = L_CL + μ·L_HaLP, where L_HaLP pulls the query towards positives
 * hallucinated from the key along geodesics to prototypes of the queue.
 *
 * Schedule of the reference: nothing is hallucinated until `warmupKeys` keys have been enqueued
 * during this run; then the prototypes are clustered from the newest `keysForPrototypes` keys, and
 * re-clustered after every `updateEvery`-th step (after the enqueue, as the reference does).
 */
export const halpMethod: MethodDefinition = {
  name: 'halp',
  description: 'HaLP: MoCo plus hallucinated latent positives along geodesics towards prototypes',
  defaults: { ...DEFAULT_HALP_OPTIONS },
  create({ temperature, queueSize, options }): PretrainingMethod {
    const settings = resolveHalpOptions(options);
    resolveHallucinationOptions(settings);
    const warmupKeys = settings.warmupKeys === 0 ? 2 * queueSize + 1 : settings.warmupKeys;
    let prototypes: tf.Tensor2D | null = null;
    let keysSeen = 0;
    let lastMetrics: Record<string, number> = {};

    const refreshPrototypes = async (step: ContrastiveStep): Promise<void> => {
      const newest = step.queue.newest(Math.min(settings.keysForPrototypes, step.queue.capacity));
      const values = (await newest.data()) as Float32Array;
      const [rows, columns] = newest.shape;
      newest.dispose();
      const clusters = sphericalKMeans(
        matrix(rows, columns, values),
        Math.min(settings.numPrototypes, rows),
        {
          random: step.random,
          centroid: settings.centroid,
        },
      );
      prototypes?.dispose();
      prototypes = tf.tensor2d(Float32Array.from(clusters.centroids.data), [
        clusters.centroids.rows,
        columns,
      ]);
    };

    return {
      name: 'halp',
      async prepare(step) {
        if (prototypes === null && keysSeen >= warmupKeys) await refreshPrototypes(step);
        if (prototypes === null) return { hallucinations: null, keptFraction: 0, dispose: () => undefined };
        const hallucinations = await hallucinateTensorAsync(step.keys, prototypes, settings, step.random);
        const { keep, keptCount } = hallucinations;
        const kept = (await keptCount.data())[0]!;
        return {
          hallucinations,
          keptFraction: kept / (keep.shape[0] * keep.shape[1]),
          dispose: () => tf.dispose(hallucinations as unknown as tf.Tensor[]),
        };
      },
      lossTerms(queries, step, prepared: HalpPrepared): Record<string, tf.Scalar> {
        const contrastive = infoNceLoss(queries, step.keys, step.queue.keys, temperature);
        if (prepared.hallucinations === null) {
          lastMetrics = { active: 0 };
          return { contrastive };
        }
        const { positives, keep } = prepared.hallucinations;
        lastMetrics = { active: 1, keptFraction: prepared.keptFraction };
        return {
          contrastive,
          halp: tf.mul(halpLossTensor(queries, positives, keep, temperature), settings.mu) as tf.Scalar,
        };
      },
      async afterStep(step) {
        keysSeen += step.keys.shape[0];
        if (prototypes !== null && step.step % settings.updateEvery === 0) await refreshPrototypes(step);
      },
      metrics: () => lastMetrics,
      saveState: async () => ({
        keysSeen,
        prototypes:
          prototypes === null
            ? null
            : { shape: prototypes.shape, values: Array.from(await prototypes.data()) },
      }),
      restoreState(state) {
        const saved = state as {
          keysSeen: number;
          prototypes: { shape: [number, number]; values: number[] } | null;
        };
        keysSeen = saved.keysSeen;
        prototypes?.dispose();
        prototypes =
          saved.prototypes === null ? null : tf.tensor2d(saved.prototypes.values, saved.prototypes.shape);
      },
      dispose() {
        prototypes?.dispose();
        prototypes = null;
      },
    } satisfies PretrainingMethod<HalpPrepared>;
  },
};

/** Fills in defaults and checks HaLP's own fields (the hallucination's are checked by `@halp/hallucinate`). */
export function resolveHalpOptions(options: Readonly<Record<string, unknown>>): HalpOptions {
  const settings = { ...DEFAULT_HALP_OPTIONS, ...options } as HalpOptions;
  const positiveInteger = (name: keyof HalpOptions): void => {
    const value = settings[name];
    if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
      throw new RangeError(
        `halp option ${name}: expected a positive integer, found ${JSON.stringify(value)}`,
      );
    }
  };
  positiveInteger('numPrototypes');
  positiveInteger('keysForPrototypes');
  positiveInteger('updateEvery');
  if (!(Number.isInteger(settings.warmupKeys) && settings.warmupKeys >= 0)) {
    throw new RangeError(
      `halp option warmupKeys: expected a non-negative integer, found ${settings.warmupKeys}`,
    );
  }
  if (!(settings.mu >= 0 && Number.isFinite(settings.mu))) {
    throw new RangeError(`halp option mu: expected a non-negative number, found ${settings.mu}`);
  }
  if (settings.centroid !== 'frechet' && settings.centroid !== 'normalized-mean') {
    throw new RangeError(
      `halp option centroid: expected 'frechet' or 'normalized-mean', found ${String(settings.centroid)}`,
    );
  }
  return settings;
}
