import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { randomUnitVectors } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrastAccuracy, contrastLogits, infoNceLoss, infoNceLossArray } from '../src/info-nce.js';
import { momentumAverage, momentumUpdate } from '../src/momentum-update.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('infoNceLoss', () => {
  it('equals the float64 array form', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (seed, batch, negatives) => {
          const random = createRandom(seed);
          const dimension = 8;
          const q = randomUnitVectors(batch, dimension, random);
          const k = randomUnitVectors(batch, dimension, random);
          const n = randomUnitVectors(negatives, dimension, random);
          const expected = infoNceLossArray(q, k, n, 0.07);
          const actual = tf.tidy(
            () =>
              infoNceLoss(
                tf.tensor2d(Float32Array.from(q.data), [batch, dimension]),
                tf.tensor2d(Float32Array.from(k.data), [batch, dimension]),
                tf.tensor2d(Float32Array.from(n.data), [negatives, dimension]),
                0.07,
              ).dataSync()[0]!,
          );
          expect(Math.abs(actual - expected)).toBeLessThan(1e-4 * Math.max(1, expected));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('has the analytic gradient (softmax(ℓ)·[k; Q] − k) / (τ·B) with respect to the queries', () => {
    const random = createRandom(3);
    const [batch, negatives, dimension, temperature] = [3, 5, 4, 0.5];
    const q = randomUnitVectors(batch, dimension, random);
    const k = randomUnitVectors(batch, dimension, random);
    const n = randomUnitVectors(negatives, dimension, random);
    const kT = tf.tensor2d(Float32Array.from(k.data), [batch, dimension]);
    const nT = tf.tensor2d(Float32Array.from(n.data), [negatives, dimension]);
    const gradient = tf.grad((queries: tf.Tensor) =>
      infoNceLoss(queries as tf.Tensor2D, kT, nT, temperature),
    )(tf.tensor2d(Float32Array.from(q.data), [batch, dimension]));
    const actual = gradient.dataSync();
    for (let b = 0; b < batch; b += 1) {
      const candidates: number[][] = [Array.from(k.data.subarray(b * dimension, (b + 1) * dimension))];
      for (let j = 0; j < negatives; j += 1) {
        candidates.push(Array.from(n.data.subarray(j * dimension, (j + 1) * dimension)));
      }
      const logits = candidates.map(
        (c) => c.reduce((s, v, i) => s + v * q.data[b * dimension + i]!, 0) / temperature,
      );
      const max = Math.max(...logits);
      const weights = logits.map((l) => Math.exp(l - max));
      const total = weights.reduce((s, w) => s + w, 0);
      for (let i = 0; i < dimension; i += 1) {
        let expected = -candidates[0]![i]!;
        candidates.forEach((c, j) => {
          expected += (weights[j]! / total) * c[i]!;
        });
        expected /= temperature * batch;
        expect(actual[b * dimension + i]).toBeCloseTo(expected, 5);
      }
    }
    tf.dispose([gradient, kT, nT]);
  });

  it('is log(1 + K) when every logit is equal, and accuracy counts the positive column', () => {
    const zeros = tf.zeros([2, 3]) as tf.Tensor2D;
    const negatives = tf.zeros([9, 3]) as tf.Tensor2D;
    expect(infoNceLoss(zeros, zeros, negatives, 0.07).dataSync()[0]).toBeCloseTo(Math.log(10), 5);
    const q = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const keys = tf.tensor2d([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    const logits = contrastLogits(q, keys, tf.tensor2d([[0, 1, 0]]), 1);
    expect(contrastAccuracy(logits).dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(() => contrastLogits(q, keys, negatives, 0)).toThrow(RangeError);
    tf.dispose([zeros, negatives, q, keys, logits]);
  });
});

describe('momentumUpdate', () => {
  it('moves each key parameter to m·θ_k + (1 − m)·θ_q', () => {
    const random = createRandom(1);
    const keyValues = randomUnitVectors(1, 6, random).data;
    const queryValues = randomUnitVectors(1, 6, random).data;
    const key = tf.variable(tf.tensor1d(Float32Array.from(keyValues)));
    const query = tf.tensor1d(Float32Array.from(queryValues));
    const before = tf.memory().numTensors;
    momentumUpdate([key], [query], 0.9);
    expect(tf.memory().numTensors).toBe(before);
    const expected = momentumAverage(keyValues, queryValues, 0.9);
    for (const [i, v] of Array.from(key.dataSync()).entries()) expect(v).toBeCloseTo(expected[i]!, 6);
    expect(() => momentumUpdate([key], [], 0.9)).toThrow(RangeError);
    expect(() => momentumUpdate([key], [tf.zeros([2])], 0.9)).toThrow(/shape/);
    expect(() => momentumUpdate([key], [query], 1.5)).toThrow(RangeError);
    key.dispose();
    query.dispose();
  });

  it('converges to the query parameters when applied repeatedly', () => {
    const key = tf.variable(tf.tensor1d([5, -5]));
    const query = tf.tensor1d([1, 2]);
    for (let i = 0; i < 200; i += 1) momentumUpdate([key], [query], 0.9);
    const values = key.dataSync();
    expect(values[0]).toBeCloseTo(1, 4);
    expect(values[1]).toBeCloseTo(2, 4);
    key.dispose();
    query.dispose();
  });
});
