import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BiGruEncoderConfig,
  disposeEncoder,
  encode,
  initEncoder,
  nextRunningStatistics,
  trainableVariables,
  updateRunningStatistics,
} from '../src/index.js';
import { normalTensor, relativeError, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

const base: BiGruEncoderConfig = {
  inputSize: 4,
  hiddenSize: 3,
  numLayers: 1,
  head: 'linear',
  embeddingSize: 2,
  stepping: 'bidirectional',
  batchNorm: false,
};

function withEncoder(
  config: BiGruEncoderConfig,
  seed: number,
  run: (encoder: ReturnType<typeof initEncoder>) => void,
) {
  const encoder = initEncoder(config, createRandom(seed));
  try {
    tf.tidy(() => run(encoder));
  } finally {
    disposeEncoder(encoder);
  }
}

/** x with frame `frame` replaced by other values. */
function changeFrame(x: tf.Tensor3D, frame: number, seed: number): tf.Tensor3D {
  const [batch, frames, channels] = x.shape;
  const mask = tf.tensor3d(
    Array.from({ length: frames }, (_, t) => (t === frame ? 1 : 0)),
    [1, frames, 1],
  );
  return tf.add(
    tf.mul(x, tf.sub(1, mask)),
    tf.mul(normalTensor(createRandom(seed), [batch, frames, channels]), mask),
  );
}

function halves(features: tf.Tensor2D, hidden: number): [Float32Array, Float32Array] {
  const [forward, backward] = tf.split(features, [hidden, hidden], 1);
  return [forward!.dataSync() as Float32Array, backward!.dataSync() as Float32Array];
}

describe('encode', () => {
  it('returns features [B, 2H] and embedding [B, E]', () => {
    withEncoder({ ...base, numLayers: 2, head: 'mlp', batchNorm: true }, 1, (encoder) => {
      const { features, embedding } = encode(encoder, normalTensor(createRandom(2), [3, 5, 4]), {
        training: true,
      });
      expect(features.shape).toEqual([3, 6]);
      expect(embedding.shape).toEqual([3, 2]);
    });
  });

  it('rejects clips of the wrong shape and one-value batches in training', () => {
    withEncoder({ ...base, batchNorm: true }, 1, (encoder) => {
      expect(() => encode(encoder, tf.zeros([2, 3, 5]) as tf.Tensor3D, { training: false })).toThrow(
        RangeError,
      );
      expect(() => encode(encoder, tf.zeros([2, 0, 4]) as tf.Tensor3D, { training: false })).toThrow(
        RangeError,
      );
      expect(() => encode(encoder, tf.zeros([1, 1, 4]) as tf.Tensor3D, { training: true })).toThrow(
        RangeError,
      );
      // Evaluation uses running statistics: a single frame is fine.
      expect(encode(encoder, tf.zeros([1, 1, 4]) as tf.Tensor3D, { training: false }).features.shape).toEqual(
        [1, 6],
      );
    });
  });

  it('bidirectional stepping: at the last frame the backward half has seen only that frame', () => {
    withEncoder(base, 3, (encoder) => {
      const x = normalTensor<tf.Rank.R3>(createRandom(4), [2, 5, 4]);
      const [forward, backward] = halves(encode(encoder, x, { training: false }).features, 3);
      const [forwardChanged, backwardChanged] = halves(
        encode(encoder, changeFrame(x, 1, 5), { training: false }).features,
        3,
      );
      expect(backwardChanged).toEqual(backward);
      expect(forwardChanged).not.toEqual(forward);
    });
  });

  it('reference stepping: both directions run forward in time, so both halves see every frame', () => {
    withEncoder({ ...base, stepping: 'reference' }, 3, (encoder) => {
      const x = normalTensor<tf.Rank.R3>(createRandom(4), [2, 5, 4]);
      const [forward, backward] = halves(encode(encoder, x, { training: false }).features, 3);
      const [forwardChanged, backwardChanged] = halves(
        encode(encoder, changeFrame(x, 1, 5), { training: false }).features,
        3,
      );
      expect(backwardChanged).not.toEqual(backward);
      expect(forwardChanged).not.toEqual(forward);
    });
  });

  it('in evaluation, each clip is encoded independently of the rest of the batch', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom('bidirectional' as const, 'reference' as const),
        (seed, stepping) => {
          withEncoder({ ...base, stepping, numLayers: 2, batchNorm: true }, seed, (encoder) => {
            const x = normalTensor<tf.Rank.R3>(createRandom(seed + 1), [3, 4, 4]);
            const together = encode(encoder, x, { training: false }).embedding;
            const alone = tf.concat(
              [0, 1, 2].map(
                (i) => encode(encoder, tf.slice(x, [i, 0, 0], [1, 4, 4]), { training: false }).embedding,
              ),
            );
            expect(relativeError(alone, together)).toBeLessThan(1e-6);
          });
        },
      ),
      { numRuns: 10 },
    );
  });

  it('stays finite on extreme and constant inputs, in outputs and gradients', () => {
    withEncoder({ ...base, numLayers: 2, batchNorm: true, head: 'mlp' }, 9, (encoder) => {
      const inputs = [
        tf.fill([2, 4, 4], 7) as tf.Tensor3D,
        tf.mul(normalTensor<tf.Rank.R3>(createRandom(10), [2, 4, 4]), 1e6) as tf.Tensor3D,
      ];
      for (const x of inputs) {
        for (const training of [true, false]) {
          const { value, grads } = tf.variableGrads(
            () => tf.sum(encode(encoder, x, { training }).embedding),
            trainableVariables(encoder),
          );
          expect(Number.isFinite(value.dataSync()[0])).toBe(true);
          for (const gradient of Object.values(grads)) {
            expect(gradient.dataSync().every(Number.isFinite)).toBe(true);
          }
        }
      }
    });
  });
});

describe('BatchNorm running statistics', () => {
  it('follow PyTorch: momentum 0.1 average of the batch mean and unbiased batch variance', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (seed, batch, frames) => {
          fc.pre(batch * frames >= 2);
          tf.tidy(() => {
            const random = createRandom(seed);
            const x = normalTensor<tf.Rank.R3>(random, [batch, frames, 3], 2);
            const running = {
              mean: normalTensor<tf.Rank.R1>(random, [3]),
              variance: tf.exp(normalTensor<tf.Rank.R1>(random, [3])),
            };
            const next = nextRunningStatistics(running, x);
            const values = x.arraySync().flat();
            const oldMean = running.mean.arraySync();
            const oldVariance = running.variance.arraySync();
            for (let c = 0; c < 3; c += 1) {
              const column = values.map((row) => row[c]!);
              const mean = column.reduce((sum, v) => sum + v, 0) / column.length;
              const unbiased = column.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (column.length - 1);
              expect(next.mean.arraySync()[c]).toBeCloseTo(0.9 * oldMean[c]! + 0.1 * mean, 5);
              expect(next.variance.arraySync()[c]).toBeCloseTo(0.9 * oldVariance[c]! + 0.1 * unbiased, 4);
            }
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('are used in evaluation only, and updating them changes evaluation outputs', () => {
    withEncoder({ ...base, batchNorm: true }, 11, (encoder) => {
      const x = normalTensor<tf.Rank.R3>(createRandom(12), [4, 3, 4], 3);
      const trainingBefore = encode(encoder, x, { training: true }).embedding.dataSync();
      const evaluationBefore = encode(encoder, x, { training: false }).embedding.dataSync();
      updateRunningStatistics(encoder, x);
      expect(encode(encoder, x, { training: true }).embedding.dataSync()).toEqual(trainingBefore);
      expect(encode(encoder, x, { training: false }).embedding.dataSync()).not.toEqual(evaluationBefore);
    });
  });

  it('converge so that evaluation matches training on a repeated batch', () => {
    withEncoder({ ...base, batchNorm: true }, 13, (encoder) => {
      const x = normalTensor<tf.Rank.R3>(createRandom(14), [8, 16, 4], 3);
      for (let step = 0; step < 200; step += 1) updateRunningStatistics(encoder, x);
      // The running variance converges to the unbiased variance, training uses the biased one:
      // outputs then agree up to that factor n/(n − 1) (n = 128) and ε.
      const training = encode(encoder, x, { training: true }).embedding;
      const evaluation = encode(encoder, x, { training: false }).embedding;
      expect(relativeError(evaluation, training)).toBeLessThan(1e-2);
    });
  });
});
