import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeEncoder, encode, initEncoder } from '../src/index.js';
import { normalTensor, tensorCountsOverTrainingSteps, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

describe('memory', () => {
  it('keeps the tensor count flat across training steps, for both steppings', () => {
    for (const stepping of ['bidirectional', 'reference'] as const) {
      const encoder = initEncoder(
        {
          inputSize: 5,
          hiddenSize: 4,
          numLayers: 2,
          head: 'mlp',
          embeddingSize: 3,
          stepping,
          batchNorm: true,
        },
        createRandom(1),
      );
      const x = normalTensor<tf.Rank.R3>(createRandom(2), [3, 6, 5]);
      const counts = tensorCountsOverTrainingSteps(encoder, x, 4);
      expect(new Set(counts).size).toBe(1);
      x.dispose();
      disposeEncoder(encoder);
    }
  });

  it('frees everything an encoding creates once the caller disposes its result', () => {
    const encoder = initEncoder(
      {
        inputSize: 5,
        hiddenSize: 4,
        numLayers: 2,
        head: 'linear',
        embeddingSize: 3,
        stepping: 'bidirectional',
        batchNorm: true,
      },
      createRandom(3),
    );
    const x = normalTensor<tf.Rank.R3>(createRandom(4), [2, 3, 5]);
    const before = tf.memory().numTensors;
    const { features, embedding } = encode(encoder, x, { training: true });
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([features, embedding]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    disposeEncoder(encoder);
  });
});
