import type * as tf from '@tensorflow/tfjs-core';
import type { BiGruLayerWeights } from './bigru-layer.js';
import type { BiGruEncoderConfig } from './config.js';
import type { GraphEncoder } from './graph/graph-encoder.js';
import type { ImageEncoder } from './image/image-encoder.js';

/**
 * BatchNorm1d over the input channels: learnable scale γ and shift β, and the running statistics used
 * at evaluation (not trainable; updated by `updateRunningStatistics`).
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

/**
 * A BiGRU encoder (`kind: 'bigru'`): its config and its variables, as plain data. Matrices are stored so that layers
 * compute `x · W` (PyTorch stores the transpose, `W x`).
 */
export interface BiGruEncoder {
  readonly kind: 'bigru';
  readonly config: BiGruEncoderConfig;
  /** Null when `config.batchNorm` is false. */
  readonly inputNorm: BatchNormVariables | null;
  readonly layers: readonly BiGruLayerWeights<tf.Variable>[];
  readonly head: HeadVariables;
  /** The same variables, flat, named and in a fixed order (see {@link namedVariables}). */
  readonly variables: readonly NamedVariable[];
}

/** A variable with its stable name (used in saved files and to pair query and key encoders). */
export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
  /** False for the BatchNorm running statistics. */
  readonly trainable: boolean;
}

/**
 * Every variable of the encoder with its stable name, in a fixed order (for the BiGRU: input norm,
 * GRU layers bottom-up, head). Two encoders with the same config list corresponding variables at
 * the same positions.
 */
export function namedVariables(encoder: Encoder): readonly NamedVariable[] {
  return encoder.variables;
}

/**
 * The trainable variables in the order of {@link namedVariables}: what an optimizer updates and what
 * MoCo's momentum update pairs between the query and the key encoder.
 */
export function trainableVariables(encoder: Encoder): tf.Variable[] {
  return encoder.variables.filter((entry) => entry.trainable).map((entry) => entry.variable);
}

/** Frees every variable of the encoder. */
export function disposeEncoder(encoder: Encoder): void {
  for (const { variable } of encoder.variables) variable.dispose();
}

/** Any encoder the toolkit builds, told apart by `kind`. */
export type Encoder = BiGruEncoder | GraphEncoder | ImageEncoder;
