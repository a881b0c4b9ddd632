import '@tensorflow/tfjs-backend-cpu';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { matrix, matrixFromRows } from '@halp/hypersphere';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { knnPredict, knnPredictTensor } from '../src/knn.js';
import { accuracy } from '../src/metrics/accuracy.js';

const fixture = resolve(import.meta.dirname, '../../../../shared/fixtures/knn/cases.json');

interface KnnCase {
  name: string;
  train_features: number[][];
  train_labels: number[];
  test_features: number[][];
  test_labels: number[];
  results: Record<string, { pred: number[]; accuracy: number; distance_tie_at_kth: boolean[] }>;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!existsSync(fixture))('knnPredict and knnPredictTensor against scikit-learn', () => {
  const cases = existsSync(fixture) ? (JSON.parse(readFileSync(fixture, 'utf8')).cases as KnnCase[]) : [];
  for (const testCase of cases) {
    for (const [key, expected] of Object.entries(testCase.results)) {
      const k = Number(key.slice(1));
      it(`${testCase.name}, k = ${k}: same predictions wherever the k-th distance is not tied`, async () => {
        const predictions = knnPredict(
          matrixFromRows(testCase.train_features),
          testCase.train_labels,
          matrixFromRows(testCase.test_features),
          k,
        );
        const tensorPredictions = await knnPredictTensor(
          matrixFromRows(testCase.train_features),
          testCase.train_labels,
          matrixFromRows(testCase.test_features),
          k,
          { queryBlock: 7, trainBlock: 5 },
        );
        expected.pred.forEach((label, i) => {
          if (expected.distance_tie_at_kth[i]) return;
          expect(predictions[i], `query ${i}`).toBe(label);
          expect(tensorPredictions[i], `query ${i}, tensor form`).toBe(label);
        });
        if (!expected.distance_tie_at_kth.some(Boolean)) {
          expect(accuracy(predictions, testCase.test_labels)).toBeCloseTo(expected.accuracy, 12);
        }
      });
    }
  }
});

describe('knnPredict', () => {
  it('1-NN of a training row is that row’s label (brute-force check)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.integer({ min: -20, max: 20 }).map((v) => v / 10),
            { minLength: 3, maxLength: 3 },
          ),
          { minLength: 2, maxLength: 20 },
        ),
        (rows) => {
          const labels = rows.map((_, i) => i % 3);
          const train = matrixFromRows(rows);
          const predictions = knnPredict(train, labels, train, 1);
          rows.forEach((row, i) => {
            // The prediction's row must be (one of) the most cosine-similar rows to row i.
            const cos = (a: number[], b: number[]) => {
              const na = Math.hypot(...a);
              const nb = Math.hypot(...b);
              return na === 0 || nb === 0 ? 0 : a.reduce((s, v, j) => s + v * b[j]!, 0) / (na * nb);
            };
            const best = Math.max(...rows.map((other) => cos(row, other)));
            const winners = rows.map((other, j) => (cos(row, other) >= best - 1e-12 ? labels[j] : -1));
            expect(winners).toContain(predictions[i]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a tied vote to the smallest label and breaks equal distances by index', () => {
    const train = matrix(4, 2, [1, 0, 1, 0, 0, 1, 0, 1]);
    // Query at 45°: all four rows are equally similar; k = 2 takes rows 0 and 1 (lowest indices).
    expect(Array.from(knnPredict(train, [5, 3, 1, 1], matrix(1, 2, [1, 1]), 2))).toEqual([3]);
    expect(Array.from(knnPredict(train, [5, 3, 1, 1], matrix(1, 2, [1, 1]), 4))).toEqual([1]);
  });

  it('rejects a k larger than the training set and mismatched sizes', () => {
    const train = matrix(2, 2, [1, 0, 0, 1]);
    expect(() => knnPredict(train, [0, 1], train, 3)).toThrow(RangeError);
    expect(() => knnPredict(train, [0], train, 1)).toThrow(/labels/);
    expect(() => knnPredict(train, [0, 1], matrix(1, 3, [1, 0, 0]), 1)).toThrow(/columns/);
  });
});
