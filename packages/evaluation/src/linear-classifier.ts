import { type Matrix, matrix } from '@halp/hypersphere';
import { fillNormal, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { asFloat32 } from './float32.js';

/** A linear layer from features to class scores: `logits = features · kernel + bias`. */
export interface LinearClassifier {
  /** [D, K] (PyTorch stores the transpose). */
  readonly kernel: tf.Variable;
  /** [K]. */
  readonly bias: tf.Variable;
}

/**
 * A fresh classifier initialised as the references' linear evaluation does: weights ~ N(0, 0.01²),
 * bias 0.
 */
export function initLinearClassifier(inputs: number, classes: number, random: Random): LinearClassifier {
  if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`initLinearClassifier: need positive integer sizes, got ${inputs} → ${classes}`);
  }
  const weights = fillNormal(random, new Float32Array(inputs * classes)).map((w) => 0.01 * w);
  // tf.variable copies its initial value; tidy frees the originals.
  return tf.tidy(() => ({
    kernel: tf.variable(tf.tensor2d(weights, [inputs, classes]), true),
    bias: tf.variable(tf.zeros([classes]), true),
  }));
}

/** Class scores [B, K] of features [B, D]. */
export function classifierLogits(classifier: LinearClassifier, features: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(features, classifier.kernel), classifier.bias));
}

/** Class scores (K columns) of every row of a feature matrix, `batchSize` rows at a time. */
export async function classifierScores(
  classifier: LinearClassifier,
  features: Matrix,
  batchSize = 1024,
): Promise<Matrix> {
  const classes = classifier.bias.shape[0]!;
  const scores = new Float32Array(features.rows * classes);
  for (let start = 0; start < features.rows; start += batchSize) {
    const count = Math.min(batchSize, features.rows - start);
    const rows = features.data.subarray(start * features.columns, (start + count) * features.columns);
    const logits = tf.tidy(() =>
      classifierLogits(classifier, tf.tensor2d(asFloat32(rows), [count, features.columns])),
    );
    scores.set(await logits.data(), start * classes);
    logits.dispose();
  }
  return matrix(features.rows, classes, scores);
}

/** Frees the classifier's variables. */
export function disposeLinearClassifier(classifier: LinearClassifier): void {
  classifier.kernel.dispose();
  classifier.bias.dispose();
}

/**
 * Mean softmax cross-entropy of the classifier on features [B, D] with int32 labels [B] (PyTorch's
 * `nn.CrossEntropyLoss`).
 */
export function classifierLoss(
  classifier: LinearClassifier,
  features: tf.Tensor2D,
  labels: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    const logits = classifierLogits(classifier, features);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, logits.shape[1]), logits) as tf.Scalar;
  });
}
