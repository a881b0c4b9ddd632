import type { Matrix } from '@halp/hypersphere';
import { checkClassLabels } from './check-labels.js';

/**
 * Top-k accuracy of class scores (logits or probabilities; row i holds sample i's score for every
 * class): the fraction of samples whose true class is among the k highest-scoring classes, as the
 * references' `accuracy(output, target, topk=(1, 5))` reports it (as a fraction, not a percentage).
 *
 * Equal scores are ranked lower class index first, so the rank of the true class y is
 *
 *     rank(y) = #{c : s_c > s_y} + #{c < y : s_c = s_y}      and a hit is rank(y) < k.
 *
 * No samples give 0. A NaN score throws a RangeError: it means a diverged classifier, and ranking it
 * silently would report a meaningless number.
 */
export function topKAccuracy(scores: Matrix, labels: ArrayLike<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > scores.columns) {
    throw new RangeError(`topKAccuracy: k must be an integer in [1, ${scores.columns}] (classes), got ${k}`);
  }
  checkClassLabels('topKAccuracy', labels, scores.rows, scores.columns);
  let hits = 0;
  for (let i = 0; i < scores.rows; i += 1) {
    const row = scores.data.subarray(i * scores.columns, (i + 1) * scores.columns);
    const label = labels[i]!;
    const own = row[label]!;
    let rank = 0;
    for (let c = 0; c < row.length; c += 1) {
      const score = row[c]!;
      if (Number.isNaN(score))
        throw new RangeError(`topKAccuracy: score of class ${c} for sample ${i} is NaN`);
      if (score > own || (score === own && c < label)) rank += 1;
    }
    if (rank < k) hits += 1;
  }
  return scores.rows === 0 ? 0 : hits / scores.rows;
}

/**
 * The highest-scoring class of every row (lower class index among equal scores): the top-1
 * prediction consistent with {@link topKAccuracy}.
 */
export function predictedClasses(scores: Matrix): Int32Array {
  const predictions = new Int32Array(scores.rows);
  for (let i = 0; i < scores.rows; i += 1) {
    let best = 0;
    for (let c = 1; c < scores.columns; c += 1) {
      if (scores.data[i * scores.columns + c]! > scores.data[i * scores.columns + best]!) best = c;
    }
    predictions[i] = best;
  }
  return predictions;
}
