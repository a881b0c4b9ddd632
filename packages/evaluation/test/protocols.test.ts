import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { type BiGruEncoder, disposeEncoder, type Encoder, initEncoder, namedVariables } from '@halp/encoders';
import { createRandom } from '@halp/random';
import { datasetLabels } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures } from '../src/extract-features.js';
import { linearEvaluation } from '../src/linear-evaluation.js';
import { accuracy } from '../src/metrics/accuracy.js';
import { predictedClasses } from '../src/metrics/top-k-accuracy.js';
import { semiSupervised } from '../src/semi-supervised.js';
import { input, short, test, tinyBiGru, train } from './protocol-support.js';

let encoder: BiGruEncoder;

beforeAll(async () => {
  await tf.setBackend('cpu');
  encoder = initEncoder(tinyBiGru, createRandom('tiny encoder'));
});

afterAll(() => disposeEncoder(encoder));

async function snapshot(e: Encoder): Promise<Float32Array[]> {
  return Promise.all(namedVariables(e).map(async ({ variable }) => (await variable.data()) as Float32Array));
}

function expectValidReport(result: Awaited<ReturnType<typeof linearEvaluation>>) {
  expect(result.top1).toBeGreaterThanOrEqual(0);
  expect(result.top1).toBeLessThanOrEqual(result.top5);
  expect(result.top5).toBeLessThanOrEqual(1);
  expect(result.confusion.classes).toBe(4);
  expect(result.confusion.counts.reduce((a, b) => a + b, 0)).toBe(test.length);
  const correct = [0, 1, 2, 3].reduce((sum, c) => sum + result.confusion.counts[c * 5]!, 0);
  expect(correct / test.length).toBeCloseTo(result.top1, 12);
  for (const value of result.perClass) expect(value === null || (value >= 0 && value <= 1)).toBe(true);
  // The scores are the test split's, and the report is theirs.
  expect([result.scores.rows, result.scores.columns]).toEqual([test.length, 4]);
  expect(accuracy(predictedClasses(result.scores), datasetLabels(test))).toBeCloseTo(result.top1, 12);
}

describe('linearEvaluation with a tiny BiGRU on synthetic actions', () => {
  it('trains on cached features without touching the encoder, deterministically by seed', async () => {
    const before = await snapshot(encoder);
    const tensorsBefore = tf.memory().numTensors;
    const run = () => linearEvaluation(encoder, train, test, { ...input, ...short, random: createRandom(5) });
    const first = await run();
    const second = await run();
    expectValidReport(first);
    expect(first.history).toHaveLength(short.epochs);
    expect(second).toEqual(first);
    expect(await snapshot(encoder)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('with augment: true (the references’ random crops every epoch) keeps the tensor count flat', async () => {
    const before = await snapshot(encoder);
    const tensorsBefore = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await linearEvaluation(encoder, train, test, {
      ...input,
      ...short,
      augment: true,
      random: createRandom(5),
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    expectValidReport(result);
    expect(new Set(counts).size).toBe(1);
    expect(await snapshot(encoder)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('rejects a bad schedule before doing any work', async () => {
    await expect(
      linearEvaluation(encoder, train, test, { ...input, random: createRandom(1), batchSize: 0 }),
    ).rejects.toThrow(/batchSize/);
  });
});

describe('semiSupervised', () => {
  it('fine-tunes a copy on a class-balanced subset and leaves the given encoder unchanged', async () => {
    const before = await snapshot(encoder);
    const featuresBefore = await extractFeatures(encoder, test, input);
    const tensorsBefore = tf.memory().numTensors;
    const run = () =>
      semiSupervised(encoder, train, test, { ...input, ...short, fraction: 0.5, random: createRandom(9) });
    const result = await run();
    expectValidReport(result);
    // Each of the 4 classes has 2 training clips: round(0.5 · 2) = 1 kept per class.
    expect(Array.from(result.labelled, (i) => train.label(i)).sort()).toEqual([0, 1, 2, 3]);
    expect(await snapshot(encoder)).toEqual(before);
    expect(await extractFeatures(encoder, test, input)).toEqual(featuresBefore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(await run()).toEqual(result);
  });

  it('lowers the training loss when fine-tuning on all labels', async () => {
    const result = await semiSupervised(encoder, train, test, {
      ...input,
      epochs: 12,
      learningRate: 0.1,
      milestones: [],
      batchSize: 8,
      fraction: 1,
      random: createRandom(4),
    });
    expect(result.labelled).toHaveLength(train.length);
    expect(result.history.at(-1)!.loss).toBeLessThan(0.8 * result.history[0]!.loss);
  });

  it('rejects a fraction outside (0, 1]', async () => {
    for (const fraction of [0, 1.5, Number.NaN]) {
      await expect(
        semiSupervised(encoder, train, test, { ...input, fraction, random: createRandom(1) }),
      ).rejects.toThrow(/fraction/);
    }
  });
});
