import { dot, type Matrix, matrixRow, normalize } from '@halp/hypersphere';
import { checkNeighbourQuery } from './neighbour-query.js';

/**
 * The k training rows most cosine-similar to each query, in plain arrays (float64 arithmetic):
 * row q of the result (Q × k, row-major) lists training indices, most similar first.
 *
 *     sim(q, i) = ⟨q / ‖q‖, xᵢ / ‖xᵢ‖⟩        (a zero row has similarity 0 with everything)
 *
 * Among training rows with exactly the same similarity the lower index comes first, so the result
 * is fully determined (scikit-learn leaves this order unspecified). {@link nearestNeighboursTensor}
 * is the batched tfjs form.
 */
export function nearestNeighbours(train: Matrix, queries: Matrix, k: number): Int32Array {
  checkNeighbourQuery('nearestNeighbours', train, queries, k);
  const units = Array.from({ length: train.rows }, (_, i) => normalize(matrixRow(train, i)));
  const neighbours = new Int32Array(queries.rows * k);
  const similarities = new Float64Array(train.rows);
  for (let q = 0; q < queries.rows; q += 1) {
    const query = normalize(matrixRow(queries, q));
    for (let i = 0; i < train.rows; i += 1) similarities[i] = dot(query, units[i]!);
    selectMostSimilar(similarities, neighbours.subarray(q * k, (q + 1) * k));
  }
  return neighbours;
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
