/**
 * The k-NN vote: for each query (row q of `neighbours`, Q × k training indices) the label held by
 * most of its k neighbours. A tied vote goes to the smallest label, whatever the distances (what
 * scikit-learn's uniform-weight `KNeighborsClassifier` does through `scipy.stats.mode`).
 */
export function majorityVote(neighbours: Int32Array, k: number, trainLabels: ArrayLike<number>): Int32Array {
  const queries = neighbours.length / k;
  const predictions = new Int32Array(queries);
  const votes = new Map<number, number>();
  for (let q = 0; q < queries; q += 1) {
    votes.clear();
    for (let j = q * k; j < (q + 1) * k; j += 1) {
      const label = trainLabels[neighbours[j]!]!;
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
