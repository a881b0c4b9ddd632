import type { Matrix } from '@halp/hypersphere';
import { normalizeRows } from '@halp/hypersphere/tensor';
import * as tf from '@tensorflow/tfjs-core';
import { asFloat32 } from './float32.js';
import { checkNeighbourQuery } from './neighbour-query.js';

/** Block sizes of {@link nearestNeighboursTensor}: one block of similarities is queryBlock × trainBlock. */
export interface NeighbourBlocks {
  /** Queries per block (default 1024). */
  readonly queryBlock?: number;
  /** Training rows per block (default 8192). */
  readonly trainBlock?: number;
}

/**
 * The batched tfjs form of {@link nearestNeighbours}: the k most cosine-similar training rows of
 * each query (Q × k indices, most similar first), computed block by block so that a 16k × 40k
 * similarity matrix never exists at once:
 *
 *     S_block = Q̂_block · X̂_blockᵀ                      (rows L2-normalised, zero rows stay zero)
 *     candidates = top-k of every training block, with its global indices
 *     neighbours = top-k of the candidates
 *
 * The exact top-k of all training rows is among the per-block top-k, so the result is exact.
 * Ties: `tf.topk` on the cpu and wasm backends puts the lower position first among equal values;
 * candidates are laid out in training order, so the lower training index comes first, as in the array
 * form. Similarities are float32 here and float64 there, so the two forms agree whenever the k-th and
 * (k+1)-th similarities differ by more than float32 rounding (~1e-6) or are exactly tied (duplicate
 * rows); the tests check exactly that.
 */
export async function nearestNeighboursTensor(
  train: Matrix,
  queries: Matrix,
  k: number,
  blocks: NeighbourBlocks = {},
): Promise<Int32Array> {
  checkNeighbourQuery('nearestNeighboursTensor', train, queries, k);
  const { queryBlock = 1024, trainBlock = 8192 } = blocks;
  for (const [name, value] of [
    ['queryBlock', queryBlock],
    ['trainBlock', trainBlock],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`nearestNeighboursTensor: ${name} must be a positive integer, got ${value}`);
    }
  }
  const trainUnits: tf.Tensor2D[] = [];
  for (let start = 0; start < train.rows; start += trainBlock) {
    const count = Math.min(trainBlock, train.rows - start);
    trainUnits.push(tf.tidy(() => normalizeRows(rowsTensor(train, start, count))));
  }
  try {
    const neighbours = new Int32Array(queries.rows * k);
    for (let start = 0; start < queries.rows; start += queryBlock) {
      const count = Math.min(queryBlock, queries.rows - start);
      const indices = tf.tidy(() => {
        const queryUnits = normalizeRows(rowsTensor(queries, start, count));
        const candidateValues: tf.Tensor2D[] = [];
        const candidateIndices: tf.Tensor2D[] = [];
        trainUnits.forEach((units, b) => {
          const similarities = tf.matMul(queryUnits, units, false, true);
          const best = tf.topk(similarities, Math.min(k, units.shape[0]));
          candidateValues.push(best.values as tf.Tensor2D);
          candidateIndices.push(tf.add<tf.Tensor2D>(best.indices, tf.scalar(b * trainBlock, 'int32')));
        });
        const values = tf.concat(candidateValues, 1);
        const positions = tf.topk(values, k).indices;
        // Row-wise gather through flat positions: `tf.gather` with batchDims crashes the wasm backend.
        const candidates = values.shape[1];
        const rowStarts = tf.mul(tf.range(0, count, 1, 'int32'), tf.scalar(candidates, 'int32'));
        const flat = tf.add(positions, tf.reshape(rowStarts, [count, 1]));
        const flatCandidates = tf.reshape<tf.Rank.R1>(tf.concat(candidateIndices, 1), [-1]);
        return tf.reshape<tf.Rank.R2>(tf.gather(flatCandidates, tf.reshape(flat, [-1])), [count, k]);
      });
      neighbours.set(await indices.data(), start * k);
      indices.dispose();
    }
    return neighbours;
  } finally {
    for (const units of trainUnits) units.dispose();
  }
}

/** Rows [start, start + count) of `m` as a float32 tensor. */
function rowsTensor(m: Matrix, start: number, count: number): tf.Tensor2D {
  const rows = m.data.subarray(start * m.columns, (start + count) * m.columns);
  return tf.tensor2d(asFloat32(rows), [count, m.columns]);
}
