import '@tensorflow/tfjs-backend-cpu';
import { matrix, matrixFromRows } from '@halp/hypersphere';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { knnPredictTensor } from '../src/knn.js';
import { accuracy } from '../src/metrics/accuracy.js';
import { retrieval } from '../src/retrieval.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('retrieval', () => {
  it('counts top-1 and top-5 hits (hand-computed)', async () => {
    // Training items at angles 0°, 10°, …, 60°; labels 0,1,1,1,1,1,2.
    const angles = [0, 10, 20, 30, 40, 50, 60].map((d) => (d * Math.PI) / 180);
    const train = matrixFromRows(angles.map((a) => [Math.cos(a), Math.sin(a)]));
    const trainLabels = [0, 1, 1, 1, 1, 1, 2];
    // Query at 1°: nearest 0°(0), 10°, 20°, 30°, 40° → top-1 hit for label 0, top-5 hit for label 1.
    // Query at 59°: nearest 60°(2), 50°, … → label 0 is not among the 5 nearest.
    const at = (d: number) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)];
    const queries = matrixFromRows([at(1), at(1), at(59)]);
    expect(await retrieval(train, trainLabels, queries, [0, 1, 0])).toEqual({ top1: 1 / 3, top5: 2 / 3 });
  });

  it('has top-1 equal to 1-NN accuracy and top-5 ≥ top-1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.nat(2)), {
          minLength: 2,
          maxLength: 30,
        }),
        async (items) => {
          const features = matrixFromRows(items.map(([x, y]) => [x, y]));
          const labels = items.map(([, , label]) => label);
          // The set queried against itself (same float32 similarities as the tensor kNN).
          const result = await retrieval(features, labels, features, labels);
          expect(result.top1).toBeCloseTo(
            accuracy(await knnPredictTensor(features, labels, features, 1), labels),
            12,
          );
          expect(result.top5).toBeGreaterThanOrEqual(result.top1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('uses every training item for top-5 when there are fewer than 5, and gives 0 without queries', async () => {
    const train = matrixFromRows([
      [1, 0],
      [0, 1],
    ]);
    expect(await retrieval(train, [0, 1], matrixFromRows([[1, 0.1]]), [1])).toEqual({ top1: 0, top5: 1 });
    expect(await retrieval(train, [0, 1], matrix(0, 2), [])).toEqual({ top1: 0, top5: 0 });
  });

  it('rejects label counts that do not match the rows', async () => {
    const train = matrixFromRows([[1, 0]]);
    await expect(retrieval(train, [0, 1], train, [0])).rejects.toThrow(RangeError);
    await expect(retrieval(train, [0], train, [])).rejects.toThrow(RangeError);
  });
});
