// Summary statistics of benchmark samples.

/**
 * The median: the middle sample, or the mean of the two middle samples of an even count (so that
 * two timings give their mean rather than the slower one). NaN for no samples.
 */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The arithmetic mean; NaN for no samples. */
export function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
