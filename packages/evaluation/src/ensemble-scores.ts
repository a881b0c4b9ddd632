import { type Matrix, matrix } from '@halp/hypersphere';

/**
 * How the per-stream class scores of an ensemble are combined:
 * - `'logits'`: the sum of the linear classifiers' logits, s = Σ_s z_s. CMD's multi-stream forward
 *   (`view='all'` in `moco/builder_cmd.py`) averages the three encoders' logits, which ranks the
 *   classes exactly as this sum does.
 * - `'probabilities'`: the sum of their softmax probabilities, s = Σ_s softmax(z_s), the usual fusion
 *   of multi-stream skeleton models (each stream then weighs at most 1 per sample, whatever the
 *   scale of its logits).
 */
export type EnsembleCombination = 'logits' | 'probabilities';

/**
 * The ensemble's class scores [N, K]: the per-stream scores (same N samples, same K classes, e.g.
 * the `scores` of each stream's `linearEvaluation`) combined as `combination` says (default
 * `'logits'`). One stream gives its own scores (`'logits'`) or their softmax (`'probabilities'`),
 * which rank the classes the same way.
 *
 * @throws RangeError when there are no streams, their shapes differ or a score is not finite (a
 * diverged classifier: summing it would hide which stream broke).
 */
export function ensembleScores(
  streams: readonly Matrix[],
  combination: EnsembleCombination = 'logits',
): Matrix {
  const first = streams[0];
  if (first === undefined) throw new RangeError('ensembleScores: no streams');
  const { rows, columns } = first;
  const sum = new Float64Array(rows * columns);
  for (const [s, scores] of streams.entries()) {
    if (scores.rows !== rows || scores.columns !== columns) {
      throw new RangeError(
        `ensembleScores: stream ${s} has ${scores.rows}×${scores.columns} scores, stream 0 ${rows}×${columns}`,
      );
    }
    const bad = scores.data.findIndex((score) => !Number.isFinite(score));
    if (bad >= 0) {
      throw new RangeError(
        `ensembleScores: stream ${s} scores sample ${Math.floor(bad / columns)} with ${scores.data[bad]}`,
      );
    }
    const add = combination === 'logits' ? scores.data : softmaxRows(scores);
    for (let i = 0; i < sum.length; i += 1) sum[i]! += add[i]!;
  }
  return matrix(rows, columns, sum);
}

/** Row-wise softmax of finite scores, shifted by each row's maximum so that exp never overflows. */
function softmaxRows({ rows, columns, data }: Matrix): Float64Array {
  const probabilities = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    const row = data.subarray(i * columns, (i + 1) * columns);
    const largest = Math.max(...row);
    let total = 0;
    for (let c = 0; c < columns; c += 1) {
      const weight = Math.exp(row[c]! - largest);
      probabilities[i * columns + c] = weight;
      total += weight;
    }
    // total ≥ 1: the largest score contributes exp(0).
    for (let c = 0; c < columns; c += 1) probabilities[i * columns + c]! /= total;
  }
  return probabilities;
}
