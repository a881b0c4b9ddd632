/**
 * The number of classes K when not given: one more than the largest label of any of the splits
 * (labels are 0-based class indices). Throws a RangeError when there are no labels at all.
 */
export function classCount(...splits: readonly Int32Array[]): number {
  let largest = -1;
  for (const labels of splits) for (const label of labels) largest = Math.max(largest, label);
  if (largest < 0) throw new RangeError('classCount: no labels to count classes from');
  return largest + 1;
}
