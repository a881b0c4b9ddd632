import type { BiGruEncoder } from '@halp/encoders';
import type { SkeletonDataset } from '@halp/skeleton';
import { type FeatureExtractionOptions, extractFeatures } from './extract-features.js';
import { accuracy, knnPredict } from './knn.js';

/**
 * The references' kNN monitor during pretraining: features of a labelled training split and of a
 * held-out split from the current encoder, then k-NN (cosine) accuracy of the held-out split,
 * reported as `knn{k}` for each k.
 */
export function knnMonitor(
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  options: FeatureExtractionOptions & { readonly neighbours?: readonly number[] },
): (encoder: BiGruEncoder) => Promise<Record<string, number>> {
  const neighbours = options.neighbours ?? [1];
  const trainLabels = Int32Array.from({ length: train.length }, (_, i) => train.label(i));
  const heldOutLabels = Int32Array.from({ length: heldOut.length }, (_, i) => heldOut.label(i));
  return async (encoder) => {
    const trainFeatures = await extractFeatures(encoder, train, options);
    const heldOutFeatures = await extractFeatures(encoder, heldOut, options);
    return Object.fromEntries(
      neighbours.map((k) => [`knn${k}`, accuracy(knnPredict(trainFeatures, trainLabels, heldOutFeatures, k), heldOutLabels)]),
    );
  };
}
