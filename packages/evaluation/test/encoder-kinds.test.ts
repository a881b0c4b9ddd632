import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import {
  disposeEncoder,
  type Encoder,
  type EncoderConfig,
  encoderInput,
  featureSize,
  initEncoder,
  namedVariables,
} from '@halp/encoders';
import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearEvaluationEnsemble } from '../src/classification-ensemble.js';
import { extractFeatures } from '../src/extract-features.js';
import { linearEvaluation } from '../src/linear-evaluation.js';
import { semiSupervised } from '../src/semi-supervised.js';
import { input, short, test, tinyGraph, tinyImage, train } from './protocol-support.js';

const encoders = new Map<string, Encoder>();
// Convolutions run slowly on the cpu backend: one epoch shows the mechanics.
const brief = { ...short, epochs: 1, milestones: [] } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const config of [tinyGraph, tinyImage] as EncoderConfig[]) {
    encoders.set(config.kind!, initEncoder(config, createRandom(`tiny ${config.kind}`)));
  }
});

afterAll(() => {
  for (const encoder of encoders.values()) disposeEncoder(encoder);
});

async function snapshot(encoder: Encoder): Promise<Float32Array[]> {
  return Promise.all(
    namedVariables(encoder).map(async ({ variable }) => (await variable.data()) as Float32Array),
  );
}

describe.each(['graph', 'image'])('the protocols with a %s encoder (grid input)', (kind) => {
  const encoder = () => encoders.get(kind)!;

  it('extracts finite featureSize-wide features of every clip', async () => {
    expect(encoderInput(encoder().config)).toBe('grid');
    const features = await extractFeatures(encoder(), test, { ...input, batchSize: 3 });
    expect([features.rows, features.columns]).toEqual([test.length, featureSize(encoder().config)]);
    expect(features.data.every(Number.isFinite)).toBe(true);
  });

  it('runs linear evaluation on fresh crops every epoch without touching the encoder or leaking tensors', async () => {
    // The cached-feature mode runs in the ensemble test below.
    const before = await snapshot(encoder());
    const tensorsBefore = tf.memory().numTensors;
    const result = await linearEvaluation(encoder(), train, test, {
      ...input,
      ...brief,
      augment: true,
      random: createRandom(5),
    });
    expect(result.history).toHaveLength(brief.epochs);
    expect(result.history.every(({ loss }) => Number.isFinite(loss))).toBe(true);
    expect([result.scores.rows, result.scores.columns]).toEqual([test.length, 4]);
    expect(result.top1).toBeLessThanOrEqual(result.top5);
    expect(await snapshot(encoder())).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('fine-tunes a copy in semi-supervised evaluation and leaves the encoder as it was', async () => {
    const before = await snapshot(encoder());
    const tensorsBefore = tf.memory().numTensors;
    const result = await semiSupervised(encoder(), train, test, {
      ...input,
      ...brief,
      learningRate: 0.05,
      fraction: 0.5,
      random: createRandom(9),
    });
    expect(Array.from(result.labelled, (i) => train.label(i)).sort()).toEqual([0, 1, 2, 3]);
    expect(result.history.every(({ loss }) => Number.isFinite(loss))).toBe(true);
    expect(await snapshot(encoder())).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('an ensemble of streams of different kinds', () => {
  it('combines a graph stream on joints with an image stream on bones', async () => {
    const { modality: _, ...shared } = input;
    const result = await linearEvaluationEnsemble(
      [
        { encoder: encoders.get('graph')!, modality: 'joint' },
        { encoder: encoders.get('image')!, modality: 'bone' },
      ],
      train,
      test,
      { ...shared, ...brief, random: createRandom(3) },
    );
    expect(result.streams).toHaveLength(2);
    expect([result.ensemble.scores.rows, result.ensemble.scores.columns]).toEqual([test.length, 4]);
    expect(result.ensemble.confusion.counts.reduce((a, b) => a + b, 0)).toBe(test.length);
  });
});
