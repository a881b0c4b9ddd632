import type * as tf from '@tensorflow/tfjs-core';

/**
 * BatchNorm1d over the input channels: learnable scale γ and shift β, and the running statistics used
 * at evaluation (not trainable; folded from a training forward's batch moments).
 */
export interface BatchNormVariables {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVariance: tf.Variable;
}

/** Linear(F → E): `features · kernel + bias`. */
export interface LinearHeadVariables {
  readonly kind: 'linear';
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** Linear(F → F), ReLU, Linear(F → E). */
export interface MlpHeadVariables {
  readonly kind: 'mlp';
  readonly hiddenKernel: tf.Variable;
  readonly hiddenBias: tf.Variable;
  readonly outputKernel: tf.Variable;
  readonly outputBias: tf.Variable;
}

export type HeadVariables = LinearHeadVariables | MlpHeadVariables;

/** A variable with its stable name (used in saved files and to pair query and key encoders). */
export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
  /** False for the BatchNorm running statistics. */
  readonly trainable: boolean;
}
