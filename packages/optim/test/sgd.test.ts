import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stepLearningRate } from '../src/learning-rate.js';
import { Sgd } from '../src/sgd.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Sgd', () => {
  it('follows torch.optim.SGD: g = ∇ + wd·θ, v = μ·v + g (v = g first), θ −= lr·v', async () => {
    const theta = tf.variable(tf.tensor1d([1, -2]));
    const sgd = new Sgd([theta], { momentum: 0.9, weightDecay: 0.1 });
    const gradients = [
      [0.5, 0.25],
      [-1, 2],
      [0, 0],
    ];
    // The same recurrence in float64, written out.
    let expected = [1, -2];
    let velocity: number[] | null = null;
    for (const g of gradients) {
      const d = g.map((value, i) => value + 0.1 * expected[i]!);
      velocity = velocity === null ? d : velocity.map((v, i) => 0.9 * v + d[i]!);
      expected = expected.map((value, i) => value - 0.05 * velocity![i]!);
      const gradient = tf.tensor1d(g);
      sgd.step({ [theta.name]: gradient }, 0.05);
      gradient.dispose();
    }
    for (const [i, value] of Array.from(await theta.data()).entries())
      expect(value).toBeCloseTo(expected[i]!, 6);
    sgd.dispose();
    theta.dispose();
  });

  it('restores its velocity buffers exactly and does not leak tensors', async () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([1, 2]));
    const first = new Sgd([a], { momentum: 0.9, weightDecay: 0 });
    const gradient = tf.tensor1d([1, -1]);
    first.step({ [a.name]: gradient }, 0.1);
    const second = new Sgd([b], { momentum: 0.9, weightDecay: 0 });
    b.assign(a);
    second.restoreState(await first.saveState());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i += 1) {
      first.step({ [a.name]: gradient }, 0.1);
      second.step({ [b.name]: gradient }, 0.1);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    // A variable without a gradient is left as it is.
    const unchanged = await a.data();
    first.step({}, 0.1);
    expect(Array.from(await a.data())).toEqual(Array.from(unchanged));
    expect(() => first.restoreState([])).toThrow(RangeError);
    tf.dispose([a, b, gradient]);
    first.dispose();
    second.dispose();
  });
});

describe('stepLearningRate', () => {
  it('multiplies by γ at each milestone reached', () => {
    expect(stepLearningRate(0.01, 350, [351])).toBe(0.01);
    expect(stepLearningRate(0.01, 351, [351])).toBeCloseTo(0.001, 12);
    expect(stepLearningRate(1, 75, [50, 70], 0.1)).toBeCloseTo(0.01, 12);
  });
});
