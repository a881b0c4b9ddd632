import { fillNormal, type Random } from '@halp/random';
import '@tensorflow/tfjs-backend-cpu';
import '@halp/backend/register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { type Encoder, encode, trainableVariables, updateRunningStatistics } from '../src/index.js';

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
}

/** Standard normal values drawn from `random`, times `scale`. */
export function normalTensor<R extends tf.Rank>(random: Random, shape: number[], scale = 1): tf.Tensor<R> {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const values = fillNormal(random, new Float32Array(size)).map((value) => value * scale);
  return tf.tensor(values, shape) as unknown as tf.Tensor<R>;
}

/** Largest |a − b| relative to the largest |expected| (so float32 rounding scales with the values). */
export function relativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const b = expected.dataSync();
  let difference = 0;
  let magnitude = 0;
  for (let i = 0; i < a.length; i += 1) {
    difference = Math.max(difference, Math.abs(a[i]! - b[i]!));
    magnitude = Math.max(magnitude, Math.abs(b[i]!));
  }
  return difference / Math.max(magnitude, 1e-6);
}

/**
 * `tf.memory().numTensors` after each of `steps` training steps of `encoder` on `x` (SGD on `loss`,
 * by default Σ embedding²; the running statistics; an evaluation encode), counted after one warm-up
 * step that creates the optimizer's state. A flat list means nothing leaks.
 */
export function tensorCountsOverTrainingSteps(
  encoder: Encoder,
  x: tf.Tensor,
  steps: number,
  loss = () => tf.sum(tf.square(encode(encoder, x, { training: true }).embedding)) as tf.Scalar,
): number[] {
  const optimizer = tf.train.sgd(0.01);
  const step = () => {
    optimizer.minimize(loss, false, trainableVariables(encoder));
    updateRunningStatistics(encoder, x);
    tf.tidy(() => {
      encode(encoder, x, { training: false });
    });
  };
  step();
  const counts: number[] = [];
  for (let i = 0; i < steps; i += 1) {
    step();
    counts.push(tf.memory().numTensors);
  }
  optimizer.dispose();
  return counts;
}
