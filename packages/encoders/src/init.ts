import { fillUniform, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { assertNoConfigProblems } from './config-problems.js';
import { assembleEncoder, configProblems, type EncoderConfig, type EncoderFor } from './encoder-kinds.js';
import type { VariableSpec } from './variable-spec.js';

/**
 * Creates an encoder with the references' initialisation (see the kind's `variableSpecs`). Values are drawn
 * in JavaScript from `random`, variable by variable in the fixed order and row-major within each, then
 * uploaded: the same seed gives the same weights on every backend. Advances `random`.
 *
 * @throws RangeError when the config is invalid.
 */
export function initEncoder<Config extends EncoderConfig>(
  config: Config,
  random: Random,
): EncoderFor<Config> {
  assertNoConfigProblems(config.kind ?? 'bigru', configProblems(config));
  return assembleEncoder(config, (spec) => initialVariable(spec, random));
}

function initialVariable(spec: VariableSpec, random: Random): tf.Variable {
  const size = spec.shape.reduce((product, dimension) => product * dimension, 1);
  const values = new Float32Array(size);
  if (spec.init.kind === 'uniform') fillUniform(random, values, -spec.init.bound, spec.init.bound);
  else values.fill(spec.init.value);
  return tf.tidy(() => tf.variable(tf.tensor(values, [...spec.shape]), spec.trainable));
}
