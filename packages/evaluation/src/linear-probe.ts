import type { Matrix } from '@halp/hypersphere';
import { forkRandom, permutation, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import {
  type ClassifierSchedule,
  LINEAR_EVALUATION_SCHEDULE,
  resolveSchedule,
} from './classifier-schedule.js';
import { asFloat32 } from './float32.js';
import {
  classifierLoss,
  disposeLinearClassifier,
  initLinearClassifier,
  type LinearClassifier,
} from './linear-classifier.js';
import { checkClassLabels } from './metrics/check-labels.js';
import type { EpochRecord, TrainingBatch } from './train-with-sgd.js';
import { trainWithSgd } from './train-with-sgd.js';

export interface LinearProbeOptions extends Partial<ClassifierSchedule> {
  /** Number of classes K; labels must lie in [0, K). */
  readonly classes: number;
  /** Draws the initial weights and the batch order of every epoch. */
  readonly random: Random;
  readonly onEpoch?: (record: EpochRecord) => void;
}

export interface TrainedClassifier {
  /** The trained classifier; the caller owns (and disposes) it. */
  readonly classifier: LinearClassifier;
  readonly history: EpochRecord[];
}

/**
 * Trains a linear classifier on fixed features (rows of `features`, e.g. from `extractFeatures`)
 * with the references' linear-evaluation schedule unless overridden: mini-batches in a fresh random
 * order every epoch (the last one may be smaller), softmax cross-entropy, SGD with momentum.
 * The features live on the device once; each step only gathers its rows.
 *
 * Deterministic: the same features, labels, options and `random` state give the same classifier
 * (on a given backend). `random` itself is not advanced.
 */
export async function trainLinearProbe(
  features: Matrix,
  labels: ArrayLike<number>,
  options: LinearProbeOptions,
): Promise<TrainedClassifier> {
  const { classes, random, onEpoch, ...overrides } = options;
  const schedule = resolveSchedule('trainLinearProbe', LINEAR_EVALUATION_SCHEDULE, overrides);
  if (features.rows === 0) throw new RangeError('trainLinearProbe: no training features');
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`trainLinearProbe: classes must be a positive integer, got ${classes}`);
  }
  checkClassLabels('trainLinearProbe', labels, features.rows, classes);
  const classifier = initLinearClassifier(features.columns, classes, forkRandom(random, 'classifier'));
  const allFeatures = tf.tensor2d(asFloat32(features.data), [features.rows, features.columns]);
  const allLabels = tf.tensor1d(Int32Array.from(labels), 'int32');
  try {
    const history = await trainWithSgd(
      [classifier.kernel, classifier.bias],
      schedule,
      (epoch) =>
        shuffledBatches(permutation(forkRandom(random, `epoch ${epoch}`), features.rows), schedule.batchSize),
      onEpoch,
    );
    return { classifier, history };
  } catch (error) {
    disposeLinearClassifier(classifier);
    throw error;
  } finally {
    allFeatures.dispose();
    allLabels.dispose();
  }

  async function* shuffledBatches(order: Int32Array, batchSize: number): AsyncGenerator<TrainingBatch> {
    for (let start = 0; start < order.length; start += batchSize) {
      const rows = tf.tensor1d(order.subarray(start, Math.min(start + batchSize, order.length)), 'int32');
      const x = tf.gather(allFeatures, rows) as tf.Tensor2D;
      const y = tf.gather(allLabels, rows) as tf.Tensor1D;
      yield { size: rows.shape[0], loss: () => classifierLoss(classifier, x, y), tensors: [rows, x, y] };
    }
  }
}
