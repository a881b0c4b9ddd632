import type { Matrix } from '@halp/hypersphere';
import { type NeighbourBlocks, nearestNeighboursTensor } from './nearest-neighbours-tensor.js';

export interface RetrievalResult {
  /** Fraction of queries whose nearest training item has the query's label. */
  readonly top1: number;
  /** Fraction of queries with the query's label among their 5 nearest training items. */
  readonly top5: number;
}

/**
 * Action retrieval (docs/method.md §7; ISC's `action_retrieval.py`): every test feature is a query
 * against the training features by cosine similarity (as {@link nearestNeighboursTensor}, lower
 * index first among equal similarities). Top-k counts a hit when ANY of the k nearest training
 * items has the query's label; top-1 therefore equals 1-NN classification accuracy. With fewer than
 * 5 training items, top-5 looks at all of them. No queries give 0 for both.
 */
export async function retrieval(
  trainFeatures: Matrix,
  trainLabels: ArrayLike<number>,
  testFeatures: Matrix,
  testLabels: ArrayLike<number>,
  blocks?: NeighbourBlocks,
): Promise<RetrievalResult> {
  if (trainLabels.length !== trainFeatures.rows || testLabels.length !== testFeatures.rows) {
    throw new RangeError(
      `retrieval: ${trainLabels.length} training labels for ${trainFeatures.rows} rows, ` +
        `${testLabels.length} test labels for ${testFeatures.rows} rows`,
    );
  }
  const k = Math.min(5, trainFeatures.rows);
  const neighbours = await nearestNeighboursTensor(trainFeatures, testFeatures, k, blocks);
  let top1 = 0;
  let top5 = 0;
  for (let q = 0; q < testFeatures.rows; q += 1) {
    const ranks = neighbours.subarray(q * k, (q + 1) * k);
    if (trainLabels[ranks[0]!] === testLabels[q]) top1 += 1;
    if (ranks.some((index) => trainLabels[index] === testLabels[q])) top5 += 1;
  }
  const queries = Math.max(testFeatures.rows, 1);
  return { top1: top1 / queries, top5: top5 / queries };
}
