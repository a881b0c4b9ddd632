import '@tensorflow/tfjs-backend-cpu';
import { disposeEncoder, initEncoder } from '@halp/encoders';
import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyEncoder } from '../src/copy-encoder.js';
import { tinyBiGru } from './protocol-support.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('copyEncoder', () => {
  it('has the same config and values in variables of its own, and outlives changes to the original', async () => {
    const original = initEncoder(tinyBiGru, createRandom('original'));
    const tensorsBefore = tf.memory().numTensors;
    const copy = copyEncoder(original);
    expect(copy.config).toEqual(original.config);
    expect(copy.variables.map(({ name, trainable }) => [name, trainable])).toEqual(
      original.variables.map(({ name, trainable }) => [name, trainable]),
    );
    for (const [i, { variable }] of copy.variables.entries()) {
      const source = original.variables[i]!.variable;
      expect(variable).not.toBe(source);
      expect(await variable.data()).toEqual(await source.data());
    }
    // Writing into the copy leaves the original as it was, and freeing the original leaves the copy.
    const first = copy.variables[0]!.variable;
    const originalValues = await original.variables[0]!.variable.data();
    tf.tidy(() => first.assign(tf.onesLike(first)));
    expect(await original.variables[0]!.variable.data()).toEqual(originalValues);
    disposeEncoder(original);
    expect(Array.from(await first.data())).toEqual(new Array(first.size).fill(1));
    disposeEncoder(copy);
    expect(tf.memory().numTensors).toBe(tensorsBefore - original.variables.length);
  });
});
