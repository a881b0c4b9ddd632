import type { Matrix } from '@halp/hypersphere';
import * as tf from '@tensorflow/tfjs-core';
import { infoNceLoss, infoNceLossArray } from './info-nce.js';
import type { StreamEmbeddings } from './stream-embeddings.js';

/**
 * ISC's inter-skeleton contrast (Thoker et al., ACM MM 2021; docs/method.md §4), as in the reference
 * `moco/builder_inter.py` and `main_moco_inter_skeleton.py`: two representations a, b of the same
 * clips (e.g. sequence and graph), each with its own query/key encoders and queue; each query is
 * contrasted with the *other* representation's key (positive) and queue (negatives), and the two
 * cross-entropies (each a batch mean) are summed:
 *
 *   L_ISC = InfoNCE(q_a; k_b, Q_b) + InfoNCE(q_b; k_a, Q_a)
 *
 * where Q_a holds earlier keys of a and Q_b of b. Gradients reach the queries; keys and queues are
 * constants, as in {@link infoNceLoss}. Throws a RangeError unless the temperature is positive and
 * finite, all queries and keys are B × D and both queues have dimension D (their sizes may differ).
 */
export function interSkeletonContrastLoss(
  a: StreamEmbeddings<tf.Tensor2D>,
  b: StreamEmbeddings<tf.Tensor2D>,
  temperature: number,
): tf.Scalar {
  checkInputs(
    [a, b].map(({ queries, keys, queue }) => ({
      queries: queries.shape,
      keys: keys.shape,
      queue: queue.shape,
    })),
    temperature,
  );
  return tf.tidy(() =>
    tf.add(
      infoNceLoss(a.queries, b.keys, b.queue, temperature),
      infoNceLoss(b.queries, a.keys, a.queue, temperature),
    ),
  );
}

/** Float64 array form of {@link interSkeletonContrastLoss}. */
export function interSkeletonContrastLossArray(
  a: StreamEmbeddings<Matrix>,
  b: StreamEmbeddings<Matrix>,
  temperature: number,
): number {
  checkInputs(
    [a, b].map(({ queries, keys, queue }) => ({
      queries: [queries.rows, queries.columns],
      keys: [keys.rows, keys.columns],
      queue: [queue.rows, queue.columns],
    })),
    temperature,
  );
  return (
    infoNceLossArray(a.queries, b.keys, b.queue, temperature) +
    infoNceLossArray(b.queries, a.keys, a.queue, temperature)
  );
}

function checkInputs(shapes: readonly StreamEmbeddings<readonly number[]>[], temperature: number): void {
  if (!(temperature > 0 && Number.isFinite(temperature))) {
    throw new RangeError(
      `interSkeletonContrastLoss: temperature must be positive and finite, got ${temperature}`,
    );
  }
  const batch = shapes[0]!.queries[0];
  const dimension = shapes[0]!.queries[1];
  const consistent = shapes.every(
    ({ queries, keys, queue }) =>
      [queries, keys, queue].every((shape) => shape.length === 2 && shape[1] === dimension) &&
      queries[0] === batch &&
      keys[0] === batch,
  );
  if (!consistent) {
    const describe = ({ queries, keys, queue }: StreamEmbeddings<readonly number[]>) =>
      `queries [${queries}], keys [${keys}], queue [${queue}]`;
    throw new RangeError(
      `interSkeletonContrastLoss: expected B × D queries and keys and K × D queues, got ${shapes.map(describe).join('; ')}`,
    );
  }
}
