import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeEncoder, encode, type ImageEncoder, initEncoder, namedVariables } from '../src/index.js';
import { normalTensor, useCpuBackend } from './helpers.js';
import { gridShape, TINY_IMAGE_CONFIG } from './image-helpers.js';

beforeAll(useCpuBackend);

/** A scalar that weights every feature and embedding entry differently. */
function loss(encoder: ImageEncoder, x: tf.Tensor, weights: readonly [tf.Tensor, tf.Tensor]): tf.Scalar {
  return tf.tidy(() => {
    const { features, embedding } = encode(encoder, x, { training: true });
    return tf.add(tf.sum(tf.mul(features, weights[0])), tf.sum(tf.mul(embedding, weights[1])));
  });
}

describe('image encoder gradients', () => {
  const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(11));
  const x = normalTensor(createRandom(12), gridShape(TINY_IMAGE_CONFIG, 2));
  const { features, embedding } = encode(encoder, x, { training: true });
  const weights = [
    normalTensor(createRandom(13), features.shape),
    normalTensor(createRandom(14), embedding.shape),
  ] as const;
  tf.dispose([features, embedding]);

  it('reaches every trainable variable with finite, non-zero gradients', () => {
    const trainable = namedVariables(encoder).filter((entry) => entry.trainable);
    expect(trainable).toHaveLength(namedVariables(encoder).length);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => loss(encoder, x, weights),
        trainable.map((entry) => entry.variable),
      );
      for (const { name, variable } of trainable) {
        const values = Array.from(grads[variable.name]!.dataSync());
        expect(values.every(Number.isFinite), name).toBe(true);
        expect(
          values.some((value) => value !== 0),
          name,
        ).toBe(true);
      }
    });
  });

  // Central differences of single weights: (L(θ + ε e_i) − L(θ − ε e_i)) / 2ε ≈ ∂L/∂θ_i. The loss is
  // piecewise smooth (ReLU, max-pooling, max over bodies); moving one weight by ε = 1e-3 rarely moves
  // a pooling winner, and then the float32 rounding of L over 2ε (about 1e-4 here) remains.
  it.each(['position/conv3/kernel', 'motion/conv2/kernel', 'fusion/conv5/bias'])(
    'matches finite differences for %s',
    (name) => {
      const { variable } = namedVariables(encoder).find((entry) => entry.name === name)!;
      const original = tf.clone(variable);
      const epsilon = 1e-3;
      const analytical = tf.tidy(() =>
        tf.variableGrads(() => loss(encoder, x, weights), [variable]).grads[variable.name]!.dataSync(),
      );
      for (const index of [1, Math.floor(variable.size / 2)]) {
        const lossAt = (step: number): number => {
          tf.tidy(() => {
            const moved = original.dataSync().slice();
            moved[index] = moved[index]! + step;
            variable.assign(tf.tensor(moved, variable.shape));
          });
          return loss(encoder, x, weights).arraySync();
        };
        const numerical = (lossAt(epsilon) - lossAt(-epsilon)) / (2 * epsilon);
        expect(Math.abs(numerical - analytical[index]!), `${name}[${index}]`).toBeLessThan(
          1e-3 + 2e-2 * Math.abs(analytical[index]!),
        );
      }
      variable.assign(original);
      original.dispose();
    },
  );

  it('gives finite input gradients for a clip that does not move (zero motion)', () => {
    tf.tidy(() => {
      const still = tf.tile(tf.slice(x, [0, 0, 0, 0, 0], [-1, -1, 1, -1, -1]), [1, 1, 16, 1, 1]);
      const values = Array.from(
        tf
          .grad((input: tf.Tensor) => loss(encoder, input, weights))(still)
          .dataSync(),
      );
      expect(values.every(Number.isFinite)).toBe(true);
      expect(values.some((value) => value !== 0)).toBe(true);
    });
  });

  it('cleans up', () => {
    disposeEncoder(encoder);
    tf.dispose([x, ...weights]);
  });
});
