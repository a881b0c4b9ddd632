import type * as tf from '@tensorflow/tfjs-core';
import type { ConfigProblem } from './config-problems.js';
import type { EncodeOptions, Encoding } from './encoding.js';
import type { VariableSpec } from './variable-spec.js';
import type { NamedVariable } from './variables.js';

/**
 * How an encoder wants its clips (both built by `@halp/evaluation`'s `clipBatch` and the trainer):
 * - `'sequence'`: x [B, T, V·C·M], one vector per frame (the BiGRU's input, the references' order);
 * - `'grid'`: x [B, M, T, V, C], one channels-last T × V image per body (graph and image encoders).
 */
export type EncoderInput = 'sequence' | 'grid';

/** What every encoder is: a config tagged with its kind, and its variables, named and ordered. */
export interface EncoderModel<Config> {
  readonly kind: string;
  readonly config: Config;
  /** Every variable in a fixed order (saved files, init draws, query/key pairing). */
  readonly variables: readonly NamedVariable[];
}

/**
 * Everything the generic functions (`initEncoder`, `encode`, save/load, the trainer) need to know of
 * one kind of encoder. A kind is plain data plus pure functions; adding one means writing such an
 * object and listing it in `encoder-kinds.ts`.
 */
export interface EncoderKind<Config, Model extends EncoderModel<Config>> {
  readonly kind: string;
  readonly input: EncoderInput;
  /** Problems of a config read from outside (empty when valid), one per field. */
  configProblems(value: unknown): ConfigProblem[];
  /** Every variable with its name, shape, trainability and initialisation, in the fixed order. */
  variableSpecs(config: Config): VariableSpec[];
  /** The model whose variables come from `variableFor`, called once per spec in order. */
  assemble(config: Config, variableFor: (spec: VariableSpec) => tf.Variable): Model;
  /**
   * Features and embedding of a batch (differentiable; running statistics untouched: in training
   * each BatchNorm appends its batch moments to `options.moments` for the caller to fold).
   */
  encode(model: Model, x: tf.Tensor, options: EncodeOptions): Encoding;
  /** Width of `features` (what kNN and linear evaluation see). */
  featureSize(config: Config): number;
}
