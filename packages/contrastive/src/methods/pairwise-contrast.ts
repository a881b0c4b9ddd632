import type * as tf from '@tensorflow/tfjs-core';
import { infoNceLoss } from '../info-nce.js';
import {
  type ContrastiveStep,
  type ContrastPair,
  type MethodContext,
  nothingPrepared,
  type PretrainingMethod,
  type StreamSpec,
} from './method.js';
import { streamTermName } from './term-names.js';

/**
 * L_CL summed over the pairs: Σ_(a,b) InfoNCE(q_a; k_b, queue_b), one term per pair named after the
 * query's stream (`contrastive`, or `contrastive/<stream>` with several streams).
 */
export function pairwiseContrastTerms(
  pairs: readonly ContrastPair[],
  queries: readonly tf.Tensor2D[],
  step: ContrastiveStep,
  streams: readonly StreamSpec[],
  temperature: number,
): Record<string, tf.Scalar> {
  const terms: Record<string, tf.Scalar> = {};
  for (const { query, keys } of pairs) {
    const { keys: positives, queue } = step.streams[keys]!;
    terms[streamTermName('contrastive', streams, query)] = infoNceLoss(
      queries[query]!,
      positives,
      queue.keys,
      temperature,
    );
  }
  return terms;
}

/**
 * A method without state of its own (MoCo, ISC, CMD): the InfoNCE terms of its pairs plus any
 * `extraTerms` computed from the same queries and step (CMD's distillation). Throws a RangeError if
 * two pairs share a query stream: their terms would carry the same name and one would be lost.
 */
export function pairwiseContrastMethod(
  name: string,
  contrastPairs: readonly ContrastPair[],
  { temperature, streams }: MethodContext<unknown>,
  extraTerms: (
    queries: readonly tf.Tensor2D[],
    step: ContrastiveStep,
  ) => Record<string, tf.Scalar> = () => ({}),
): PretrainingMethod {
  const queries = contrastPairs.map(({ query }) => query);
  const repeated = queries.find((query, index) => queries.indexOf(query) !== index);
  if (repeated !== undefined) {
    throw new RangeError(
      `${name}: two contrast pairs have query stream ${repeated}; each stream's query may be contrasted once (one term per query)`,
    );
  }
  return {
    name,
    contrastPairs,
    prepare: async () => nothingPrepared,
    lossTerms: (queries, step) => ({
      ...pairwiseContrastTerms(contrastPairs, queries, step, streams, temperature),
      ...extraTerms(queries, step),
    }),
    afterStep: async () => undefined,
    metrics: () => ({}),
    saveState: async () => ({}),
    restoreState: () => undefined,
    dispose: () => undefined,
  };
}
