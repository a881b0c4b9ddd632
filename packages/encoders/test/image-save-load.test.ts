import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  disposeEncoder,
  encode,
  encoderArtifacts,
  encoderFromArtifacts,
  initEncoder,
  namedVariables,
} from '../src/index.js';
import { normalTensor, tensorCountsOverTrainingSteps, useCpuBackend } from './helpers.js';
import { gridShape, TINY_IMAGE_CONFIG } from './image-helpers.js';

beforeAll(useCpuBackend);

describe('image encoder save and load', () => {
  it('round-trips through model artifacts: same config, variables and outputs', async () => {
    const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(21));
    const loaded = encoderFromArtifacts(await encoderArtifacts(encoder), 'memory');
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const copy = loaded.right;
    expect(copy.kind).toBe('image');
    expect(copy.config).toEqual(TINY_IMAGE_CONFIG);
    expect(namedVariables(copy).map((entry) => entry.name)).toEqual(
      namedVariables(encoder).map((entry) => entry.name),
    );
    tf.tidy(() => {
      const x = normalTensor(createRandom(22), gridShape(TINY_IMAGE_CONFIG, 2));
      const mine = encode(copy, x, { training: false });
      const theirs = encode(encoder, x, { training: false });
      expect(mine.features.dataSync()).toEqual(theirs.features.dataSync());
      expect(mine.embedding.dataSync()).toEqual(theirs.embedding.dataSync());
    });
    disposeEncoder(copy);
    disposeEncoder(encoder);
  });

  it('names the field of a saved config that is not a valid image config', async () => {
    const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(23));
    const artifacts = await encoderArtifacts(encoder);
    const topology = artifacts.modelTopology as { config: object };
    const broken = {
      ...artifacts,
      modelTopology: { ...topology, config: { ...topology.config, frames: 8 } },
    };
    const result = encoderFromArtifacts(broken, 'memory');
    expect(E.isLeft(result) && result.left.message).toMatch(/modelTopology\.config\.frames/);
    disposeEncoder(encoder);
  });
});

describe('image encoder memory', () => {
  it('keeps the tensor count flat across training steps and evaluations', () => {
    const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(24));
    const x = normalTensor(createRandom(25), gridShape(TINY_IMAGE_CONFIG, 2));
    const counts = tensorCountsOverTrainingSteps(encoder, x, 3);
    expect(new Set(counts).size).toBe(1);
    x.dispose();
    disposeEncoder(encoder);
  });
});
