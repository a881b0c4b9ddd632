/** Fraction of predictions equal to the labels; 0 when there are none (never NaN). */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length) {
    throw new RangeError(`accuracy: ${predictions.length} predictions for ${labels.length} labels`);
  }
  let correct = 0;
  for (let i = 0; i < labels.length; i += 1) if (predictions[i] === labels[i]) correct += 1;
  return labels.length === 0 ? 0 : correct / labels.length;
}
