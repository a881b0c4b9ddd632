import { type Matrix, matrix } from '@halp/hypersphere';

/**
 * The features of a multi-stream ensemble for kNN and retrieval: the mean of the streams' feature
 * matrices (same N clips, same width F), (1/S) Σ_s f_s. This is what CMD's multi-stream forward
 * returns for kNN evaluation (`view='all', knn_eval=True` in `moco/builder_cmd.py` averages the
 * joint, motion and bone encoders' last-frame features); cosine kNN on it then compares clips in
 * that averaged space. One stream gives its own features.
 *
 * @throws RangeError when there are no streams or their shapes differ.
 */
export function ensembleFeatures(streams: readonly Matrix[]): Matrix {
  const first = streams[0];
  if (first === undefined) throw new RangeError('ensembleFeatures: no streams');
  const { rows, columns } = first;
  const sum = new Float64Array(rows * columns);
  for (const [s, features] of streams.entries()) {
    if (features.rows !== rows || features.columns !== columns) {
      throw new RangeError(
        `ensembleFeatures: stream ${s} has ${features.rows}×${features.columns} features, stream 0 ${rows}×${columns}`,
      );
    }
    for (let i = 0; i < sum.length; i += 1) sum[i]! += features.data[i]!;
  }
  return matrix(
    rows,
    columns,
    Float32Array.from(sum, (total) => total / streams.length),
  );
}
