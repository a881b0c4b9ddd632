import type { Matrix } from '@halp/hypersphere';
import { type ConfusionMatrix, confusionMatrix, perClassAccuracy } from './confusion-matrix.js';
import { predictedClasses, topKAccuracy } from './top-k-accuracy.js';

/** What the classification protocols report on the test split. */
export interface ClassificationReport {
  readonly top1: number;
  /** Top-5 accuracy (top-min(5, classes) when there are fewer than 5 classes). */
  readonly top5: number;
  readonly perClass: (number | null)[];
  readonly confusion: ConfusionMatrix;
}

/** Top-1, top-5, per-class accuracy and confusion matrix of class scores against labels. */
export function classificationReport(scores: Matrix, labels: ArrayLike<number>): ClassificationReport {
  const confusion = confusionMatrix(predictedClasses(scores), labels, scores.columns);
  return {
    top1: topKAccuracy(scores, labels, 1),
    top5: topKAccuracy(scores, labels, Math.min(5, scores.columns)),
    perClass: perClassAccuracy(confusion),
    confusion,
  };
}
