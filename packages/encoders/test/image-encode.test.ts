import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assembleEncoder,
  disposeEncoder,
  encode,
  encoderInput,
  featureSize,
  type ImageEncoder,
  type ImageEncoderConfig,
  initEncoder,
  REFERENCE_IMAGE_ENCODER_SIZES,
} from '../src/index.js';
import { normalTensor, relativeError, useCpuBackend } from './helpers.js';
import { gridShape, TINY_IMAGE_CONFIG } from './image-helpers.js';

beforeAll(useCpuBackend);

/** Small channel widths, 32 point features (the reference has 64). */
const SMALL_WIDTHS = {
  pointChannels: 4,
  pointFeatures: 32,
  cooccurrenceChannels: 4,
  streamChannels: 4,
  fusionChannels: 4,
  outputChannels: 8,
};

describe('image encoder shapes', () => {
  it('is a grid encoder whose reference features are 256 · 4 · 4 on 64 frames', () => {
    const config: ImageEncoderConfig = {
      kind: 'image',
      inputChannels: 3,
      joints: 25,
      frames: 64,
      bodies: 2,
      ...REFERENCE_IMAGE_ENCODER_SIZES,
      head: 'linear',
      embeddingSize: 128,
    };
    expect(encoderInput(config)).toBe('grid');
    expect(featureSize(config)).toBe(4096);
  });

  it.each([
    { layout: 'Kinect-25, 2 bodies', joints: 25, bodies: 2, frames: 32 },
    { layout: 'COCO-17, 1 body', joints: 17, bodies: 1, frames: 40 },
  ])('encodes $layout clips to [B, F] features and [B, E] embeddings', ({ joints, bodies, frames }) => {
    const config: ImageEncoderConfig = {
      kind: 'image',
      inputChannels: 3,
      joints,
      frames,
      bodies,
      ...SMALL_WIDTHS,
      head: 'mlp',
      embeddingSize: 7,
    };
    const encoder = initEncoder(config, createRandom(1));
    tf.tidy(() => {
      const x = normalTensor(createRandom(2), gridShape(config, 2));
      const { features, embedding } = encode(encoder, x, { training: true });
      // ⌊frames/16⌋ rows × ⌊32/16⌋ columns × 8 channels.
      const rows = Math.floor(frames / 16);
      expect(features.shape).toEqual([2, 8 * rows * 2]);
      expect(featureSize(config)).toBe(8 * rows * 2);
      expect(embedding.shape).toEqual([2, 7]);
      expect(Array.from(embedding.dataSync()).every(Number.isFinite)).toBe(true);
    });
    disposeEncoder(encoder);
  });
});

describe('image encoder semantics', () => {
  it('merges bodies by an elementwise max of the per-body features', () => {
    const twoBodies = initEncoder(TINY_IMAGE_CONFIG, createRandom(3));
    // The same weights, one body per clip.
    const variables = new Map(twoBodies.variables.map((entry) => [entry.name, entry.variable]));
    const oneBody = assembleEncoder({ ...TINY_IMAGE_CONFIG, bodies: 1 }, (spec) => variables.get(spec.name)!);
    tf.tidy(() => {
      const x = normalTensor(createRandom(4), gridShape(TINY_IMAGE_CONFIG, 2));
      const body = (m: number) =>
        encode(oneBody, tf.slice(x, [0, m, 0, 0, 0], [2, 1, -1, -1, -1]), { training: true }).features;
      const merged = encode(twoBodies, x, { training: true }).features;
      expect(relativeError(merged, tf.maximum(body(0), body(1)))).toBeLessThan(1e-6);
    });
    disposeEncoder(twoBodies);
  });

  it('does not depend on the order of the bodies nor mix clips of a batch', () => {
    const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(5));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        tf.tidy(() => {
          const x = normalTensor(createRandom(seed), gridShape(TINY_IMAGE_CONFIG, 3));
          const swapped = tf.reverse(x, 1);
          const all = encode(encoder, x, { training: true }).embedding;
          expect(relativeError(encode(encoder, swapped, { training: true }).embedding, all)).toBeLessThan(
            1e-6,
          );
          const second = tf.slice(x, [1, 0, 0, 0, 0], [1, -1, -1, -1, -1]);
          const alone = encode(encoder, second, { training: true }).embedding;
          expect(relativeError(alone, tf.slice(all, [1, 0], [1, -1]))).toBeLessThan(1e-5);
        });
      }),
      { numRuns: 10 },
    );
    disposeEncoder(encoder);
  });

  it('gives the same output in training and evaluation (no BatchNorm, no dropout)', () => {
    const encoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(6));
    tf.tidy(() => {
      const x = normalTensor(createRandom(7), gridShape(TINY_IMAGE_CONFIG, 2));
      const training = encode(encoder, x, { training: true });
      const evaluation = encode(encoder, x, { training: false });
      expect(evaluation.embedding.dataSync()).toEqual(training.embedding.dataSync());
    });
    disposeEncoder(encoder);
  });

  it('keeps an all-zero clip finite', () => {
    const encoder: ImageEncoder = initEncoder(TINY_IMAGE_CONFIG, createRandom(8));
    tf.tidy(() => {
      const { features, embedding } = encode(encoder, tf.zeros(gridShape(TINY_IMAGE_CONFIG, 1)), {
        training: true,
      });
      expect([...features.dataSync(), ...embedding.dataSync()].every(Number.isFinite)).toBe(true);
    });
    disposeEncoder(encoder);
  });
});

describe('image encoder input checks', () => {
  const encoder = () => initEncoder(TINY_IMAGE_CONFIG, createRandom(9));

  it.each([
    { shape: [2, 2, 16, 5], names: 'rank' },
    { shape: [0, 2, 16, 5, 3], names: 'batch' },
    { shape: [2, 1, 16, 5, 3], names: 'config.bodies' },
    { shape: [2, 2, 32, 5, 3], names: 'config.frames' },
    { shape: [2, 2, 16, 6, 3], names: 'config.joints' },
    { shape: [2, 2, 16, 5, 2], names: 'config.inputChannels' },
  ])('refuses x of shape $shape, naming $names', ({ shape, names }) => {
    const model = encoder();
    const x = tf.zeros(shape);
    const expected = names === 'rank' ? /\[B, M, T, V, C\]/ : new RegExp(names.replace('.', '\\.'));
    expect(() => encode(model, x, { training: true })).toThrow(expected);
    x.dispose();
    disposeEncoder(model);
  });
});
