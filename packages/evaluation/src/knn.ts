import type { Matrix } from '@halp/hypersphere';
import { majorityVote } from './majority-vote.js';
import { nearestNeighbours } from './nearest-neighbours.js';
import { type NeighbourBlocks, nearestNeighboursTensor } from './nearest-neighbours-tensor.js';

/**
 * k-nearest-neighbour classification with cosine similarity, as the references evaluate features
 * (scikit-learn `KNeighborsClassifier(n_neighbors=k, metric='cosine')` on L2-normalised rows,
 * uniform weights), in plain arrays.
 *
 * Rules, so that results are reproducible:
 * - distance is 1 − cos(query, train); zero rows have cosine 0 with everything;
 * - among training points at exactly the same distance, the lower index is nearer (scikit-learn
 *   leaves this order unspecified);
 * - a tied vote goes to the smallest label (scikit-learn's `mode`), whatever the distances.
 */
export function knnPredict(
  train: Matrix,
  trainLabels: ArrayLike<number>,
  queries: Matrix,
  k: number,
): Int32Array {
  checkLabels('knnPredict', train, trainLabels);
  return majorityVote(nearestNeighbours(train, queries, k), k, trainLabels);
}

/**
 * {@link knnPredict} for large feature sets (e.g. 40k training × 16k query features of width 2048):
 * similarities are computed block-wise with `tf.matMul` and reduced with `tf.topk`, so memory stays
 * at one block of similarities. Same rules and, up to float32 rounding of the similarities, the same
 * predictions (see {@link nearestNeighboursTensor}).
 */
export async function knnPredictTensor(
  train: Matrix,
  trainLabels: ArrayLike<number>,
  queries: Matrix,
  k: number,
  blocks?: NeighbourBlocks,
): Promise<Int32Array> {
  checkLabels('knnPredictTensor', train, trainLabels);
  return majorityVote(await nearestNeighboursTensor(train, queries, k, blocks), k, trainLabels);
}

function checkLabels(caller: string, train: Matrix, trainLabels: ArrayLike<number>): void {
  if (trainLabels.length !== train.rows) {
    throw new RangeError(`${caller}: ${trainLabels.length} labels for ${train.rows} training rows`);
  }
}
