import { type Matrix, dot, matrixRow, normalize } from '@halp/hypersphere';

/**
 * k-nearest-neighbour classification with cosine similarity, as the references evaluate features
 * (scikit-learn `KNeighborsClassifier(n_neighbors=k, metric='cosine')` on L2-normalised rows,
 * uniform weights).
 *
 * Rules, so that results are reproducible:
 * - distance is 1 − cos(query, train); zero rows have cosine 0 with everything;
 * - among training points at exactly the same distance, the lower index is nearer (scikit-learn
 *   leaves this order unspecified);
 * - a tied vote goes to the smallest label (scikit-learn's `mode`), whatever the distances.
 */
export function knnPredict(train: Matrix, trainLabels: ArrayLike<number>, queries: Matrix, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1 || k > train.rows) {
    throw new RangeError(`knnPredict: k must be an integer in [1, ${train.rows}] (training rows), got ${k}`);
  }
  if (trainLabels.length !== train.rows) {
    throw new RangeError(`knnPredict: ${trainLabels.length} labels for ${train.rows} training rows`);
  }
  if (queries.columns !== train.columns) {
    throw new RangeError(`knnPredict: queries have ${queries.columns} columns, training rows ${train.columns}`);
  }
  const units = Array.from({ length: train.rows }, (_, i) => normalize(matrixRow(train, i)));
  const predictions = new Int32Array(queries.rows);
  const similarities = new Float64Array(train.rows);
  const nearest = new Int32Array(k);
  const votes = new Map<number, number>();
  for (let q = 0; q < queries.rows; q += 1) {
    const query = normalize(matrixRow(queries, q));
    for (let i = 0; i < train.rows; i += 1) similarities[i] = dot(query, units[i]!);
    selectMostSimilar(similarities, nearest);
    votes.clear();
    for (const index of nearest) {
      const label = trainLabels[index]!;
      votes.set(label, (votes.get(label) ?? 0) + 1);
    }
    let best = Number.POSITIVE_INFINITY;
    let bestVotes = -1;
    for (const [label, count] of votes) {
      if (count > bestVotes || (count === bestVotes && label < best)) {
        best = label;
        bestVotes = count;
      }
    }
    predictions[q] = best;
  }
  return predictions;
}

/** Fraction of predictions equal to the labels. */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length) {
    throw new RangeError(`accuracy: ${predictions.length} predictions for ${labels.length} labels`);
  }
  let correct = 0;
  for (let i = 0; i < labels.length; i += 1) if (predictions[i] === labels[i]) correct += 1;
  return labels.length === 0 ? 0 : correct / labels.length;
}

/**
 * Fills `nearest` with the indices of the `nearest.length` largest similarities, most similar first,
 * lower index first among equal similarities (a bounded insertion sort: k is small).
 */
function selectMostSimilar(similarities: Float64Array, nearest: Int32Array): void {
  const k = nearest.length;
  let filled = 0;
  for (let i = 0; i < similarities.length; i += 1) {
    const value = similarities[i]!;
    if (filled === k && value <= similarities[nearest[k - 1]!]!) continue;
    let position = filled < k ? filled : k - 1;
    while (position > 0 && similarities[nearest[position - 1]!]! < value) {
      if (position < k) nearest[position] = nearest[position - 1]!;
      position -= 1;
    }
    nearest[position] = i;
    if (filled < k) filled += 1;
  }
}
