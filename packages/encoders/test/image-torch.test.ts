import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleEncoder, disposeEncoder, encode, type ImageEncoderConfig } from '../src/index.js';
import { relativeError, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

interface StoredTensor {
  readonly shape: number[];
  readonly values: number[];
}

/** Written by `tooling/bench/image_encoder_torch.py --fixture` (a PyTorch HCN, not this code). */
interface TorchFixture {
  readonly config: ImageEncoderConfig;
  readonly parameters: Readonly<Record<string, StoredTensor>>;
  readonly input: StoredTensor;
  readonly features: StoredTensor;
  readonly embedding: StoredTensor;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/image-encoder-torch.json', import.meta.url), 'utf8'),
) as TorchFixture;

const stored = ({ values, shape }: StoredTensor): tf.Tensor => tf.tensor(values, shape);

/**
 * Our variable from PyTorch's state dict: `position/conv3/kernel` is `position.conv3.weight` with
 * [O, I, kh, kw] → [kh, kw, I, O]; `fusion/conv5/…` is `conv5.…`; `head/kernel` is `head.weight`
 * transposed, its columns reordered from PyTorch's (channel, row, column) flattening to our
 * (row, column, channel) one.
 */
function fromTorch(name: string, config: ImageEncoderConfig): tf.Tensor {
  const split = name.lastIndexOf('/');
  const layer = name
    .slice(0, split)
    .replace(/^fusion\//, '')
    .replaceAll('/', '.');
  const part = name.slice(split + 1);
  if (part === 'bias') return stored(fixture.parameters[`${layer}.bias`]!);
  const weight = stored(fixture.parameters[`${layer}.weight`]!);
  if (layer !== 'head') return tf.transpose(weight, [2, 3, 1, 0]);
  const rows = Math.floor(config.frames / 16);
  const columns = Math.floor(config.pointFeatures / 16);
  const channelMajor = tf.reshape(weight, [config.embeddingSize, config.outputChannels, rows, columns]);
  return tf.reshape(tf.transpose(channelMajor, [2, 3, 1, 0]), [-1, config.embeddingSize]);
}

describe('image encoder against a PyTorch HCN', () => {
  it('gives the features and embedding of the same network in PyTorch, from the same weights', () => {
    const { config } = fixture;
    const encoder = assembleEncoder(config, (spec) =>
      tf.tidy(() => tf.variable(fromTorch(spec.name, config), spec.trainable)),
    );
    tf.tidy(() => {
      const { features, embedding } = encode(encoder, stored(fixture.input), { training: true });
      const [batch] = features.shape;
      const rows = Math.floor(config.frames / 16);
      const columns = Math.floor(config.pointFeatures / 16);
      const channelMajor = tf.reshape(
        tf.transpose(tf.reshape(features, [batch, rows, columns, config.outputChannels]), [0, 3, 1, 2]),
        [batch, -1],
      );
      expect(relativeError(channelMajor, stored(fixture.features))).toBeLessThan(1e-5);
      expect(relativeError(embedding, stored(fixture.embedding))).toBeLessThan(1e-5);
    });
    disposeEncoder(encoder);
  });
});
