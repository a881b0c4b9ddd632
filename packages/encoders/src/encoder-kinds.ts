import * as tf from '@tensorflow/tfjs-core';
import { type BatchMoments, foldBatchMoments } from './batch-norm.js';
import { type ConfigProblem, describeValue } from './config-problems.js';
import type { EncoderInput, EncoderKind } from './encoder-kind.js';
import type { EncodeOptions, Encoding } from './encoding.js';
import type { GraphEncoder, GraphEncoderConfig } from './graph/graph-encoder.js';
import { graphEncoderKind } from './graph/graph-kind.js';
import type { ImageEncoder, ImageEncoderConfig } from './image/image-encoder.js';
import { imageEncoderKind } from './image/image-kind.js';
import type { BiGruEncoderConfig } from './sequence/bigru-config.js';
import type { BiGruEncoder } from './sequence/bigru-encoder.js';
import { biGruKind } from './sequence/bigru-kind.js';
import type { VariableSpec } from './variable-spec.js';
import type { NamedVariable } from './variables.js';

/** Any encoder the toolkit builds, told apart by `kind`. */
export type Encoder = BiGruEncoder | GraphEncoder | ImageEncoder;

/** The config of any encoder; `kind` tells them apart (absent means a BiGRU). */
export type EncoderConfig = BiGruEncoderConfig | GraphEncoderConfig | ImageEncoderConfig;

/** The encoder a config builds. */
export type EncoderFor<Config extends EncoderConfig> = Config extends GraphEncoderConfig
  ? GraphEncoder
  : Config extends ImageEncoderConfig
    ? ImageEncoder
    : BiGruEncoder;

/** Every kind of encoder, by name. */
const ENCODER_KINDS: ReadonlyMap<string, EncoderKind<never, never>> = new Map<
  string,
  EncoderKind<never, never>
>([
  ['bigru', biGruKind as unknown as EncoderKind<never, never>],
  ['graph', graphEncoderKind as unknown as EncoderKind<never, never>],
  ['image', imageEncoderKind as unknown as EncoderKind<never, never>],
]);

/** Names of the encoder kinds (`bigru`, `graph`, `image`). */
export const ENCODER_KIND_NAMES: readonly string[] = [...ENCODER_KINDS.keys()];

/** The kind's functions, typed for any config (each kind checks its own shapes). */
function kindOf(config: { readonly kind?: string }): EncoderKind<EncoderConfig, Encoder> {
  const kind = ENCODER_KINDS.get(config.kind ?? 'bigru');
  if (kind === undefined) {
    throw new RangeError(
      `unknown encoder kind ${describeValue(config.kind)} (one of ${ENCODER_KIND_NAMES.join(', ')})`,
    );
  }
  return kind as unknown as EncoderKind<EncoderConfig, Encoder>;
}

/**
 * Problems of an encoder config read from outside (a config file, a saved model), one per field;
 * empty when valid. The `kind` field picks the rules (absent: a BiGRU).
 */
export function configProblems(value: unknown): ConfigProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: '(config)', expected: 'an object', found: describeValue(value) }];
  }
  const { kind } = value as { kind?: unknown };
  if (kind !== undefined && (typeof kind !== 'string' || !ENCODER_KINDS.has(kind))) {
    return [
      { field: 'kind', expected: `one of ${ENCODER_KIND_NAMES.join(', ')}`, found: describeValue(kind) },
    ];
  }
  return kindOf(value as EncoderConfig).configProblems(value);
}

/** How the encoder wants its clips: `'sequence'` ([B, T, V·C·M]) or `'grid'` ([B, M, T, V, C]). */
export function encoderInput(config: EncoderConfig): EncoderInput {
  return kindOf(config).input;
}

/** Width of the features the encoder gives evaluation (2H for the BiGRU). */
export function featureSize(config: EncoderConfig): number {
  return kindOf(config).featureSize(config);
}

/** Every variable an encoder with this config has, in its fixed order. */
export function encoderVariableSpecs(config: EncoderConfig): VariableSpec[] {
  return kindOf(config).variableSpecs(config);
}

/** The encoder whose variables come from `variableFor`, called once per spec in order. */
export function assembleEncoder<Config extends EncoderConfig>(
  config: Config,
  variableFor: (spec: VariableSpec) => tf.Variable,
): EncoderFor<Config> {
  return kindOf(config).assemble(config, variableFor) as EncoderFor<Config>;
}

/**
 * Encodes a batch (see {@link encoderInput} for its shape): features for evaluation and the head's
 * embedding for the contrastive loss. Differentiable with respect to `x` and every trainable
 * variable; running statistics are not touched (in training every BatchNorm appends its batch moments to
 * `options.moments`; fold them with `foldBatchMoments`).
 *
 * @throws RangeError when x does not have the shape the encoder's config expects.
 */
export function encode(encoder: Encoder, x: tf.Tensor, options: EncodeOptions): Encoding {
  return kindOf(encoder.config).encode(encoder, x, options);
}

/**
 * Folds a training batch into every BatchNorm's running statistics with a forward pass of its own
 * (for code outside a training step; the trainer folds the moments of its training forward instead).
 */
export function updateRunningStatistics(encoder: Encoder, x: tf.Tensor): void {
  const moments: BatchMoments[] = [];
  tf.tidy(() => {
    encode(encoder, x, { training: true, moments });
  });
  foldBatchMoments(moments);
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
