/**
 * Throws a RangeError (naming `caller`) unless `labels` has `count` entries, each an integer class
 * in [0, classes).
 */
export function checkClassLabels(
  caller: string,
  labels: ArrayLike<number>,
  count: number,
  classes: number,
): void {
  if (labels.length !== count)
    throw new RangeError(`${caller}: ${labels.length} labels for ${count} samples`);
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`${caller}: label ${label} at position ${i} is not a class in [0, ${classes})`);
    }
  }
}
