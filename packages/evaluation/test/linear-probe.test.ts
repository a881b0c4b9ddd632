import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { type Matrix, matrix } from '@halp/hypersphere';
import { createRandom, normal, type Random, uniformInt } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierScores, disposeLinearClassifier } from '../src/linear-classifier.js';
import { trainLinearProbe } from '../src/linear-probe.js';
import { topKAccuracy } from '../src/metrics/top-k-accuracy.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Linearly separable features: class c sits around its own centre (±3 on a few coordinates), with
 * unit Gaussian noise of much smaller effect than the centre distance.
 */
function separableFeatures(random: Random, rows: number, columns: number, classes: number) {
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: columns }, () => (uniformInt(random, 2) === 0 ? -3 : 3)),
  );
  const labels = Int32Array.from({ length: rows }, () => uniformInt(random, classes));
  const data = new Float32Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < columns; j += 1)
      data[i * columns + j] = centres[labels[i]!]![j]! + 0.5 * normal(random);
  }
  return { features: matrix(rows, columns, data), labels };
}

const schedule = { epochs: 12, learningRate: 0.5, milestones: [8], batchSize: 16 } as const;

async function probeAccuracy(
  train: Matrix,
  labels: Int32Array,
  test: Matrix,
  testLabels: Int32Array,
  seed: number,
) {
  const { classifier, history } = await trainLinearProbe(train, labels, {
    ...schedule,
    classes: 4,
    random: createRandom(seed),
  });
  const scores = await classifierScores(classifier, test);
  disposeLinearClassifier(classifier);
  return { top1: topKAccuracy(scores, testLabels, 1), history, scores };
}

describe('trainLinearProbe', () => {
  const random = createRandom('separable');
  const train = separableFeatures(random, 160, 12, 4);
  const test = separableFeatures(createRandom('separable'), 80, 12, 4);

  it('reaches high accuracy on held-out linearly separable features, with a falling loss', async () => {
    const { top1, history } = await probeAccuracy(
      train.features,
      train.labels,
      test.features,
      test.labels,
      1,
    );
    expect(top1).toBeGreaterThan(0.95);
    expect(history).toHaveLength(schedule.epochs);
    expect(history.at(-1)!.loss).toBeLessThan(history[0]!.loss);
  });

  it('follows the step schedule in its history', async () => {
    const { history } = await probeAccuracy(train.features, train.labels, test.features, test.labels, 1);
    expect(history.map((r) => r.learningRate)).toEqual(
      Array.from({ length: schedule.epochs }, (_, e) => (e >= 8 ? 0.5 * 0.1 : 0.5)),
    );
  });

  it('is deterministic by seed and depends on it', async () => {
    const a = await probeAccuracy(train.features, train.labels, test.features, test.labels, 7);
    const b = await probeAccuracy(train.features, train.labels, test.features, test.labels, 7);
    const c = await probeAccuracy(train.features, train.labels, test.features, test.labels, 8);
    expect(Array.from(b.scores.data)).toEqual(Array.from(a.scores.data));
    expect(Array.from(c.scores.data)).not.toEqual(Array.from(a.scores.data));
  });

  it('keeps the tensor count flat across epochs and frees everything but the classifier', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const { classifier } = await trainLinearProbe(train.features, train.labels, {
      ...schedule,
      weightDecay: 1e-4,
      classes: 4,
      random: createRandom(3),
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    expect(new Set(counts.slice(1)).size).toBe(1);
    disposeLinearClassifier(classifier);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options and labels with RangeErrors, leaving no tensors', async () => {
    const before = tf.memory().numTensors;
    const options = { classes: 4, random: createRandom(1) };
    await expect(trainLinearProbe(train.features, train.labels, { ...options, epochs: 0 })).rejects.toThrow(
      /epochs/,
    );
    await expect(trainLinearProbe(train.features, train.labels, { ...options, classes: 3 })).rejects.toThrow(
      RangeError,
    );
    await expect(trainLinearProbe(train.features, train.labels.subarray(1), options)).rejects.toThrow(
      RangeError,
    );
    await expect(trainLinearProbe(matrix(0, 12), [], options)).rejects.toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports divergence instead of returning NaN metrics', async () => {
    const huge = matrix(2, 1, Float32Array.from([1e30, -1e30]));
    await expect(
      trainLinearProbe(huge, [1, 0], { classes: 2, random: createRandom(1), epochs: 3, learningRate: 1e30 }),
    ).rejects.toThrow(/diverged/);
  });
});
