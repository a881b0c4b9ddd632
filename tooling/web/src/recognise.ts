// What the page computes with an encoder: features of clips (exactly as `halp knn` extracts them),
// the nearest labelled neighbours of a clip and its 1-NN action, as `halp knn` predicts it.
import { type Encoder, loadEncoder } from '@halp/encoders';
import { extractFeatures, nearestNeighbours } from '@halp/evaluation';
import { dot, type Matrix, matrixRow, normalize } from '@halp/hypersphere';
import { kinect25, type SkeletonDataset } from '@halp/skeleton';
import type * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';

/** Loads an encoder saved by `halp pretrain`; throws an Error whose message names the file and field. */
export async function loadEncoderFiles(handler: tf.io.IOHandler, source: string): Promise<Encoder> {
  const loaded = await loadEncoder(handler, source)();
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right;
}

/** Features of every clip of `dataset`: centre crop to `frames`, joint modality, eval-mode encoder. */
export function clipFeatures(encoder: Encoder, dataset: SkeletonDataset, frames: number): Promise<Matrix> {
  return extractFeatures(encoder, dataset, { layout: kinect25, modality: 'joint', frames });
}

export interface Neighbour {
  /** Index into the labelled clips. */
  readonly index: number;
  /** Cosine similarity of the features. */
  readonly similarity: number;
}

/** The `k` labelled clips whose features are most similar (cosine) to `query` (one row), most similar first. */
export function labelledNeighbours(labelled: Matrix, query: Matrix, k: number): Neighbour[] {
  const unitQuery = normalize(matrixRow(query, 0));
  return Array.from(nearestNeighbours(labelled, query, k), (index) => ({
    index,
    similarity: dot(normalize(matrixRow(labelled, index)), unitQuery),
  }));
}
