import type * as tf from '@tensorflow/tfjs-core';
import { assembleBatchNorm, batchNormVariableSpecs } from '../batch-norm-variables.js';
import { assembleHead, headVariableSpecs } from '../head.js';
import { type VariableInit, type VariableSpec, xavierBound } from '../variable-spec.js';
import type { BiGruEncoderConfig } from './bigru-config.js';
import type { BiGruEncoder } from './bigru-encoder.js';
import type { BiGruLayerWeights } from './bigru-layer.js';

/**
 * Every variable an encoder with this config has, in the fixed order used everywhere (saved files,
 * `namedVariables`, init draws): input norm, GRU layers bottom-up (input kernel and bias, then forward
 * and backward recurrent kernel and bias), head.
 *
 * The initialisation is the references': they build PyTorch modules (whose defaults draw every GRU
 * parameter from U(−1/√H, 1/√H) and Linear biases from U(−1/√fan_in, 1/√fan_in)), then re-draw every
 * 2-D parameter Xavier-uniform, U(−a, a) with a = √(6 / (fan_in + fan_out)). Hence:
 * - GRU kernels: Xavier over PyTorch's stacked [3H, fan_in] matrix of one direction, a = √(6 / (I + 3H))
 *   for input kernels and √(6 / (H + 3H)) for recurrent ones (the fused [I, 6H] input kernel holds
 *   two such blocks, so every entry has the same bound);
 * - GRU biases b_i and b_h: U(−1/√H, 1/√H);
 * - BatchNorm: γ = 1, β = 0, running mean 0, running variance 1;
 * - head: Xavier kernels, biases U(−1/√fan_in, 1/√fan_in). The MLP's hidden Linear(2H → 2H) is attached
 *   after the Xavier pass in the references, so its kernel keeps PyTorch's default kaiming-uniform
 *   with a = √5, which is U(−1/√fan_in, 1/√fan_in).
 */
export function biGruVariableSpecs(config: BiGruEncoderConfig): VariableSpec[] {
  const { inputSize, hiddenSize: h, numLayers, embeddingSize } = config;
  const specs: VariableSpec[] = [];
  const add = (name: string, shape: number[], init: VariableInit, trainable = true): void => {
    specs.push({ name, shape, trainable, init });
  };
  const uniform = (bound: number): VariableInit => ({ kind: 'uniform', bound });

  if (config.batchNorm) specs.push(...batchNormVariableSpecs('inputNorm', inputSize));
  for (let layer = 0; layer < numLayers; layer += 1) {
    const layerInput = layer === 0 ? inputSize : 2 * h;
    add(`gru/${layer}/inputKernel`, [layerInput, 6 * h], uniform(xavierBound(layerInput, 3 * h)));
    add(`gru/${layer}/inputBias`, [6 * h], uniform(1 / Math.sqrt(h)));
    for (const direction of ['forward', 'backward']) {
      add(`gru/${layer}/${direction}/recurrentKernel`, [h, 3 * h], uniform(xavierBound(h, 3 * h)));
      add(`gru/${layer}/${direction}/recurrentBias`, [3 * h], uniform(1 / Math.sqrt(h)));
    }
  }
  specs.push(...headVariableSpecs(config.head, 2 * h, embeddingSize));
  return specs;
}

/**
 * Builds an encoder whose variables come from `variableFor`, called once per spec in the order of
 * {@link biGruVariableSpecs} (init draws from a generator; loading reads decoded weights).
 */
export function assembleBiGruEncoder(
  config: BiGruEncoderConfig,
  variableFor: (spec: VariableSpec) => tf.Variable,
): BiGruEncoder {
  const specs = biGruVariableSpecs(config);
  const variables = specs.map((spec) => ({
    name: spec.name,
    trainable: spec.trainable,
    variable: variableFor(spec),
  }));
  const byName = new Map(variables.map((entry) => [entry.name, entry.variable]));
  const get = (name: string): tf.Variable => byName.get(name)!;
  const layers: BiGruLayerWeights<tf.Variable>[] = Array.from({ length: config.numLayers }, (_, layer) => ({
    inputKernel: get(`gru/${layer}/inputKernel`),
    inputBias: get(`gru/${layer}/inputBias`),
    forward: {
      recurrentKernel: get(`gru/${layer}/forward/recurrentKernel`),
      recurrentBias: get(`gru/${layer}/forward/recurrentBias`),
    },
    backward: {
      recurrentKernel: get(`gru/${layer}/backward/recurrentKernel`),
      recurrentBias: get(`gru/${layer}/backward/recurrentBias`),
    },
  }));
  const head = assembleHead(config.head, get);
  const inputNorm = config.batchNorm ? assembleBatchNorm('inputNorm', get) : null;
  return { kind: 'bigru', config, inputNorm, layers, head, variables };
}
