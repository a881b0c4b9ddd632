import { checkClassLabels } from './check-labels.js';

/** Counts of (true class, predicted class) pairs. */
export interface ConfusionMatrix {
  readonly classes: number;
  /** Row-major classes × classes: `counts[t · classes + p]` samples of class t predicted as p. */
  readonly counts: Int32Array;
}

/**
 * The confusion matrix of predictions against labels (rows: true class, columns: predicted class).
 * Throws a RangeError when the lengths differ or a label or prediction is not a class in [0, classes).
 */
export function confusionMatrix(
  predictions: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): ConfusionMatrix {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`confusionMatrix: classes must be a positive integer, got ${classes}`);
  }
  checkClassLabels('confusionMatrix (labels)', labels, labels.length, classes);
  checkClassLabels('confusionMatrix (predictions)', predictions, labels.length, classes);
  const counts = new Int32Array(classes * classes);
  for (let i = 0; i < labels.length; i += 1) counts[labels[i]! * classes + predictions[i]!]! += 1;
  return { classes, counts };
}

/**
 * Accuracy within each true class (recall): diagonal count / row total. A class without samples has
 * no accuracy, reported as `null` rather than NaN or a made-up 0.
 */
export function perClassAccuracy(confusion: ConfusionMatrix): (number | null)[] {
  const { classes, counts } = confusion;
  return Array.from({ length: classes }, (_, t) => {
    let total = 0;
    for (let p = 0; p < classes; p += 1) total += counts[t * classes + p]!;
    return total === 0 ? null : counts[t * classes + t]! / total;
  });
}
