import type { Encoder } from '@halp/encoders';
import { datasetLabels, type SkeletonDataset } from '@halp/skeleton';
import { extractFeatures, type FeatureExtractionOptions } from './extract-features.js';
import { knnPredictTensor } from './knn.js';
import { accuracy } from './metrics/accuracy.js';

/**
 * The references' kNN monitor during pretraining: features of a labelled training split and of a
 * held-out split from the current encoder, then k-NN (cosine) accuracy of the held-out split,
 * reported as `knn{k}` for each k. Neighbours are found block-wise on the tfjs backend
 * ({@link knnPredictTensor}), so NTU-sized splits fit in memory.
 */
export function knnMonitor(
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  options: FeatureExtractionOptions & { readonly neighbours?: readonly number[] },
): (encoder: Encoder) => Promise<Record<string, number>> {
  const neighbours = options.neighbours ?? [1];
  const trainLabels = datasetLabels(train);
  const heldOutLabels = datasetLabels(heldOut);
  return async (encoder) => {
    const trainFeatures = await extractFeatures(encoder, train, options);
    const heldOutFeatures = await extractFeatures(encoder, heldOut, options);
    const scores: Record<string, number> = {};
    for (const k of neighbours) {
      scores[`knn${k}`] = accuracy(
        await knnPredictTensor(trainFeatures, trainLabels, heldOutFeatures, k),
        heldOutLabels,
      );
    }
    return scores;
  };
}
