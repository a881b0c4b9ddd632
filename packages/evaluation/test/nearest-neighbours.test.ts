import '@tensorflow/tfjs-backend-cpu';
import { type Matrix, matrix, matrixFromRows } from '@halp/hypersphere';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { knnPredict, knnPredictTensor } from '../src/knn.js';
import { nearestNeighbours } from '../src/nearest-neighbours.js';
import { nearestNeighboursTensor } from '../src/nearest-neighbours-tensor.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Cosine similarities in float64, as the array form computes them. */
function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i += 1) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

const row = (m: Matrix, i: number) => m.data.subarray(i * m.columns, (i + 1) * m.columns);

/**
 * Whether float32 rounding could reorder query q's k nearest rows: a row among the k most similar
 * and another row with different contents whose float64 similarities are within 1e-5 (equal ones
 * included: an exact float64 tie between different vectors need not be one in float32). Duplicate
 * rows are exact ties in both forms, which both order by index.
 */
function floatCouldReorder(train: Matrix, query: ArrayLike<number>, k: number): boolean {
  const ranked = Array.from({ length: train.rows }, (_, i) => ({
    i,
    similarity: cosine(query, row(train, i)),
  })).sort((a, b) => b.similarity - a.similarity || a.i - b.i);
  const sameRow = (a: number, b: number) => row(train, a).every((value, j) => value === row(train, b)[j]);
  return ranked
    .slice(0, k)
    .some((a) => ranked.some((b) => Math.abs(a.similarity - b.similarity) < 1e-5 && !sameRow(a.i, b.i)));
}

/**
 * Training rows drawn from a small pool of distinct vectors, so that duplicates (exact ties) are
 * common, plus arbitrary queries; k and block sizes small enough that several blocks merge.
 */
const neighbourCase = fc
  .record({
    columns: fc.integer({ min: 1, max: 5 }),
    pool: fc.integer({ min: 1, max: 6 }),
    trainRows: fc.integer({ min: 1, max: 24 }),
    queryRows: fc.integer({ min: 0, max: 9 }),
  })
  .chain(({ columns, pool, trainRows, queryRows }) =>
    fc.record({
      columns: fc.constant(columns),
      pool: fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: columns, maxLength: columns }), {
        minLength: pool,
        maxLength: pool,
      }),
      picks: fc.array(fc.nat(pool - 1), { minLength: trainRows, maxLength: trainRows }),
      queries: fc.array(
        fc.array(fc.integer({ min: -9, max: 9 }), { minLength: columns, maxLength: columns }),
        {
          minLength: queryRows,
          maxLength: queryRows,
        },
      ),
      k: fc.integer({ min: 1, max: trainRows }),
      labels: fc.array(fc.nat(3), { minLength: trainRows, maxLength: trainRows }),
      queryBlock: fc.integer({ min: 1, max: 4 }),
      trainBlock: fc.integer({ min: 1, max: 7 }),
    }),
  )
  .map((c) => ({
    ...c,
    train: matrixFromRows(c.picks.map((p) => c.pool[p]!)),
    queryMatrix: c.queries.length === 0 ? matrix(0, c.columns) : matrixFromRows(c.queries),
  }));

describe('nearestNeighbours (array form)', () => {
  it('lists the most similar rows first and the lower index first among exact ties', () => {
    const train = matrixFromRows([
      [1, 0],
      [0, 1],
      [2, 0],
      [1, 1],
      [0, 0],
    ]);
    // Query (1, 0): cos = 1, 0, 1, 1/√2, 0 (the zero row counts as 0).
    expect(Array.from(nearestNeighbours(train, matrixFromRows([[1, 0]]), 5))).toEqual([0, 2, 3, 1, 4]);
  });

  it('rejects k outside [1, rows] and mismatched widths', () => {
    const train = matrixFromRows([[1, 0]]);
    expect(() => nearestNeighbours(train, matrixFromRows([[1, 0]]), 2)).toThrow(RangeError);
    expect(() => nearestNeighbours(train, matrixFromRows([[1, 0, 0]]), 1)).toThrow(RangeError);
  });
});

describe('nearestNeighboursTensor equals the array form', () => {
  it('for any blocks, wherever float32 rounding cannot reorder the k nearest', async () => {
    await fc.assert(
      fc.asyncProperty(neighbourCase, async (c) => {
        const expected = nearestNeighbours(c.train, c.queryMatrix, c.k);
        const actual = await nearestNeighboursTensor(c.train, c.queryMatrix, c.k, {
          queryBlock: c.queryBlock,
          trainBlock: c.trainBlock,
        });
        expect(actual.length).toBe(expected.length);
        for (let q = 0; q < c.queryMatrix.rows; q += 1) {
          if (floatCouldReorder(c.train, row(c.queryMatrix, q), c.k)) continue;
          const ranks = (m: Int32Array) => Array.from(m.subarray(q * c.k, (q + 1) * c.k));
          expect(ranks(actual)).toEqual(ranks(expected));
          const predicted = knnPredict(c.train, c.labels, matrixFromRows([c.queries[q]!]), c.k)[0];
          const predictedTensor = (
            await knnPredictTensor(c.train, c.labels, matrixFromRows([c.queries[q]!]), c.k)
          )[0];
          expect(predictedTensor).toBe(predicted);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('orders exact ties (duplicate rows across blocks) by index, as the array form', async () => {
    const train = matrixFromRows([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const queries = matrixFromRows([
      [1, 0],
      [0, 3],
    ]);
    const expected = Array.from(nearestNeighbours(train, queries, 4));
    expect(expected).toEqual([1, 3, 4, 0, 0, 2, 5, 1]);
    for (const trainBlock of [1, 2, 4, 6]) {
      expect(
        Array.from(await nearestNeighboursTensor(train, queries, 4, { trainBlock, queryBlock: 1 })),
      ).toEqual(expected);
    }
  });

  it('treats zero rows as similarity 0 without NaN and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const train = matrixFromRows([
      [0, 0],
      [-1, 0],
      [1, 0],
    ]);
    const neighbours = await nearestNeighboursTensor(
      train,
      matrixFromRows([
        [1, 0],
        [0, 0],
      ]),
      3,
      { trainBlock: 2 },
    );
    expect(Array.from(neighbours)).toEqual([2, 0, 1, 0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad block sizes', async () => {
    const m = matrixFromRows([[1]]);
    await expect(nearestNeighboursTensor(m, m, 1, { queryBlock: 0 })).rejects.toThrow(RangeError);
    await expect(nearestNeighboursTensor(m, m, 1, { trainBlock: 1.5 })).rejects.toThrow(RangeError);
  });
});
