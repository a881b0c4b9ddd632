import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { type Matrix, matrix, randomUnitVectors } from '@halp/hypersphere';
import { createRandom, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { infoNceLoss } from '../src/info-nce.js';
import { interSkeletonContrastLoss, interSkeletonContrastLossArray } from '../src/inter-skeleton-contrast.js';
import type { StreamEmbeddings } from '../src/stream-embeddings.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toTensor = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.columns]);
const toTensors = ({ queries, keys, queue }: StreamEmbeddings<Matrix>) => ({
  queries: toTensor(queries),
  keys: toTensor(keys),
  queue: toTensor(queue),
});

function tensorLoss(a: StreamEmbeddings<Matrix>, b: StreamEmbeddings<Matrix>, temperature: number): number {
  return tf.tidy(() => interSkeletonContrastLoss(toTensors(a), toTensors(b), temperature).dataSync()[0]!);
}

function randomStream(random: Random, batch: number, queue: number, dim: number): StreamEmbeddings<Matrix> {
  return {
    queries: randomUnitVectors(batch, dim, random),
    keys: randomUnitVectors(batch, dim, random),
    queue: randomUnitVectors(queue, dim, random),
  };
}

describe('interSkeletonContrastLoss', () => {
  it('contrasts each query with the other representation’s key and queue (hand-computed)', () => {
    const a = { queries: matrix(1, 2, [1, 0]), keys: matrix(1, 2, [0, 1]), queue: matrix(1, 2, [1, 0]) };
    const b = {
      queries: matrix(1, 2, [0, 1]),
      keys: matrix(1, 2, [0.6, 0.8]),
      queue: matrix(2, 2, [0, 1, -1, 0]),
    };
    // τ = 0.5. q_a against k_b and Q_b: logits (0.6, 0, −1)/τ; q_b against k_a and Q_a: logits (1, 0)/τ.
    const aToB = Math.log(Math.exp(1.2) + Math.exp(0) + Math.exp(-2)) - 1.2;
    const bToA = Math.log(Math.exp(2) + Math.exp(0)) - 2;
    expect(interSkeletonContrastLossArray(a, b, 0.5)).toBeCloseTo(aToB + bToA, 12);
    expect(tensorLoss(a, b, 0.5)).toBeCloseTo(aToB + bToA, 5);
  });

  it('equals its float64 array form and is symmetric in the two representations (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0.07, 0.2, 1),
        (seed, batch, queueA, queueB, temperature) => {
          const random = createRandom(seed);
          const a = randomStream(random, batch, queueA, 6);
          const b = randomStream(random, batch, queueB, 6);
          const expected = interSkeletonContrastLossArray(a, b, temperature);
          expect(Math.abs(tensorLoss(a, b, temperature) - expected)).toBeLessThan(
            1e-4 * Math.max(1, expected),
          );
          expect(interSkeletonContrastLossArray(b, a, temperature)).toBeCloseTo(expected, 10);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives each query the gradient of its own cross-representation InfoNCE', () => {
    const random = createRandom(8);
    const a = toTensors(randomStream(random, 3, 7, 5));
    const b = toTensors(randomStream(random, 3, 4, 5));
    const [gradA, gradB] = tf.grads((...queries: tf.Tensor[]) =>
      interSkeletonContrastLoss(
        { ...a, queries: queries[0] as tf.Tensor2D },
        { ...b, queries: queries[1] as tf.Tensor2D },
        0.07,
      ),
    )([a.queries, b.queries]);
    const expectedA = tf.grad((qa: tf.Tensor) => infoNceLoss(qa as tf.Tensor2D, b.keys, b.queue, 0.07))(
      a.queries,
    );
    const expectedB = tf.grad((qb: tf.Tensor) => infoNceLoss(qb as tf.Tensor2D, a.keys, a.queue, 0.07))(
      b.queries,
    );
    expect(Array.from(gradA!.dataSync())).toEqual(Array.from(expectedA.dataSync()));
    expect(Array.from(gradB!.dataSync())).toEqual(Array.from(expectedB.dataSync()));
    tf.dispose([gradA!, gradB!, expectedA, expectedB, ...Object.values(a), ...Object.values(b)]);
  });

  it('rejects mismatched shapes and invalid temperatures with a RangeError', () => {
    const random = createRandom(2);
    const a = randomStream(random, 2, 4, 3);
    const b = randomStream(random, 2, 5, 3);
    const invalid: [StreamEmbeddings<Matrix>, StreamEmbeddings<Matrix>, number][] = [
      [a, { ...b, keys: randomUnitVectors(3, 3, random) }, 0.07], // batch mismatch
      [a, { ...b, queue: randomUnitVectors(5, 4, random) }, 0.07], // dimension mismatch
      [a, b, 0],
      [a, b, Number.NaN],
      [a, b, Number.POSITIVE_INFINITY],
    ];
    for (const [x, y, temperature] of invalid) {
      expect(() => interSkeletonContrastLossArray(x, y, temperature)).toThrow(RangeError);
      expect(() => tf.tidy(() => interSkeletonContrastLoss(toTensors(x), toTensors(y), temperature))).toThrow(
        RangeError,
      );
    }
  });

  it('leaves no tensors behind', () => {
    const random = createRandom(3);
    const a = toTensors(randomStream(random, 4, 8, 6));
    const b = toTensors(randomStream(random, 4, 8, 6));
    const before = tf.memory().numTensors;
    interSkeletonContrastLoss(a, b, 0.07).dispose();
    tf.dispose(
      tf.grads((...queries: tf.Tensor[]) =>
        interSkeletonContrastLoss(
          { ...a, queries: queries[0] as tf.Tensor2D },
          { ...b, queries: queries[1] as tf.Tensor2D },
          0.07,
        ),
      )([a.queries, b.queries]),
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });
});
