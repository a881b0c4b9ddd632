import type { BiGruEncoder } from '@halp/encoders';
import type { SkeletonDataset } from '@halp/skeleton';
import { datasetLabels } from './dataset-labels.js';
import { extractFeatures, type FeatureExtractionOptions } from './extract-features.js';
import { classifierScores, type LinearClassifier } from './linear-classifier.js';
import { type ClassificationReport, classificationReport } from './metrics/classification-report.js';

/**
 * Scores every clip of `dataset` with encoder + linear classifier (centre crop, BatchNorm running
 * statistics, as the references validate) and reports top-1, top-5, per-class accuracy and the
 * confusion matrix.
 */
export async function classifyDataset(
  encoder: BiGruEncoder,
  classifier: LinearClassifier,
  dataset: SkeletonDataset,
  options: FeatureExtractionOptions,
): Promise<ClassificationReport> {
  const features = await extractFeatures(encoder, dataset, options);
  return classificationReport(await classifierScores(classifier, features), datasetLabels(dataset));
}
