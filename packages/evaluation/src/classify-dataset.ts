import type { Encoder } from '@halp/encoders';
import type { Matrix } from '@halp/hypersphere';
import { datasetLabels, type SkeletonDataset } from '@halp/skeleton';
import { extractFeatures, type FeatureExtractionOptions } from './extract-features.js';
import { classifierScores, type LinearClassifier } from './linear-classifier.js';
import { type ClassificationReport, classificationReport } from './metrics/classification-report.js';

/** Test-split metrics and the class scores they come from. */
export interface ScoredClassification extends ClassificationReport {
  /**
   * The linear classifier's logits of every test clip, [N_test, K] in dataset order: what
   * `ensembleScores` combines across streams.
   */
  readonly scores: Matrix;
}

/**
 * Scores every clip of `dataset` with encoder + linear classifier (centre crop, BatchNorm running
 * statistics, as the references validate) and reports top-1, top-5, per-class accuracy, the
 * confusion matrix and the scores.
 */
export async function classifyDataset(
  encoder: Encoder,
  classifier: LinearClassifier,
  dataset: SkeletonDataset,
  options: FeatureExtractionOptions,
): Promise<ScoredClassification> {
  const scores = await classifierScores(classifier, await extractFeatures(encoder, dataset, options));
  return { ...classificationReport(scores, datasetLabels(dataset)), scores };
}
