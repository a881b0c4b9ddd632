import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disposeEncoder,
  encode,
  type GraphEncoder,
  initEncoder,
  namedVariables,
  trainableVariables,
} from '../src/index.js';
import { openGraphConvolutions, TINY_KINECT_CONFIG } from './graph-fixtures.js';
import { normalTensor, tensorCountsOverTrainingSteps, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

let encoder: GraphEncoder;
let x: tf.Tensor;
let direction: tf.Tensor;
beforeAll(() => {
  encoder = initEncoder(TINY_KINECT_CONFIG, createRandom(1));
  x = normalTensor(createRandom(2), [3, 2, 6, 25, 3]);
  direction = normalTensor(createRandom(3), [3, TINY_KINECT_CONFIG.embeddingSize]);
});
afterAll(() => {
  disposeEncoder(encoder);
  tf.dispose([x, direction]);
});

/** A scalar of the training-mode embedding (a fixed random projection of it). */
const loss = () => tf.sum(tf.mul(encode(encoder, x, { training: true }).embedding, direction)) as tf.Scalar;

/**
 * Parameters whose gradient is zero by construction (as in the reference): a bias just before a
 * BatchNorm in training mode (the batch mean removes it), and the sending embedding's bias (it adds
 * the same score to every sending joint, which the softmax over them ignores).
 */
const zeroByConstruction = (name: string) =>
  /\/(graphConv|graphConv\/down|temporalConv|residual)\/bias$/.test(name) ||
  name.endsWith('graphConv/sending/bias');

describe('graph encoder gradients', () => {
  it('reach every trainable variable, finite, non-zero but for biases a normalisation cancels', () => {
    const trainable = namedVariables(encoder).filter((entry) => entry.trainable);
    const { grads } = tf.variableGrads(loss, trainableVariables(encoder));
    for (const { name, variable } of trainable) {
      const gradient = grads[variable.name]!;
      const values = [...gradient.dataSync()];
      expect(values.every(Number.isFinite), name).toBe(true);
      const largest = Math.max(...values.map(Math.abs));
      if (zeroByConstruction(name)) expect(largest, name).toBeLessThan(1e-4);
      else expect(largest, name).toBeGreaterThan(0);
    }
    expect(trainable.filter(({ name }) => zeroByConstruction(name)).length).toBeLessThan(
      trainable.length / 3,
    );
    tf.dispose(grads);
  });

  it('agree with central finite differences along random directions, for several variables', () => {
    // Open the graph convolutions so that their variables move the loss measurably in float32.
    tf.tidy(() => openGraphConvolutions(encoder));
    const checked = [
      'blocks/0/graphConv/adjacencyOffset',
      'blocks/1/graphConv/receiving/kernel',
      'blocks/2/graphConv/kernel',
      'blocks/2/temporalConv/kernel',
      'blocks/2/residual/norm/gamma',
      'inputNorm/gamma',
      'head/outputKernel',
    ];
    const { grads } = tf.variableGrads(loss, trainableVariables(encoder));
    for (const [i, name] of checked.entries()) {
      const variable = namedVariables(encoder).find((entry) => entry.name === name)!.variable;
      const original = tf.clone(variable);
      // A step of 1% of the variable's scale, spread over all its entries.
      const scale = Math.max(Math.sqrt(tf.tidy(() => tf.mean(tf.square(original)).dataSync()[0]!)), 1e-2);
      const step = normalTensor(createRandom(10 + i), [...variable.shape], 1e-2 * scale);
      const lossAt = (sign: number) => {
        tf.tidy(() => variable.assign(tf.add(original, tf.mul(step, sign))));
        return tf.tidy(() => loss().dataSync()[0]!);
      };
      const numeric = (lossAt(1) - lossAt(-1)) / 2;
      const analytic = tf.tidy(() => tf.sum(tf.mul(grads[variable.name]!, step)).dataSync()[0]!);
      variable.assign(original);
      tf.dispose([original, step]);
      // Loose: float32 losses, ReLU kinks, and BatchNorms in training mode amplifying rounding.
      expect(Math.abs(numeric - analytic) / Math.max(Math.abs(analytic), 1e-4), name).toBeLessThan(0.1);
    }
    tf.dispose(grads);
  });

  it('keeps the tensor count flat over training steps and encodings', () => {
    const counts = tensorCountsOverTrainingSteps(encoder, x, 3, loss);
    expect(new Set(counts).size).toBe(1);
  });
});
