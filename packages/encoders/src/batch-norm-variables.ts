import type * as tf from '@tensorflow/tfjs-core';
import type { VariableSpec } from './variable-spec.js';
import type { BatchNormVariables } from './variables.js';

/**
 * The four variables of a BatchNorm over `channels` (named `<prefix>/gamma`, …), initialised as
 * PyTorch does: γ = 1, β = 0, running mean 0, running variance 1 (the running ones not trainable).
 */
export function batchNormVariableSpecs(prefix: string, channels: number): VariableSpec[] {
  const constant = (name: string, value: number, trainable: boolean): VariableSpec => ({
    name: `${prefix}/${name}`,
    shape: [channels],
    trainable,
    init: { kind: 'constant', value },
  });
  return [
    constant('gamma', 1, true),
    constant('beta', 0, true),
    constant('runningMean', 0, false),
    constant('runningVariance', 1, false),
  ];
}

/** A BatchNorm's variables picked by name (see {@link batchNormVariableSpecs}). */
export function assembleBatchNorm(
  prefix: string,
  variable: (name: string) => tf.Variable,
): BatchNormVariables {
  return {
    gamma: variable(`${prefix}/gamma`),
    beta: variable(`${prefix}/beta`),
    runningMean: variable(`${prefix}/runningMean`),
    runningVariance: variable(`${prefix}/runningVariance`),
  };
}
