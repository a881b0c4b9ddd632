import type * as tf from '@tensorflow/tfjs-core';
import { updateBiGruRunningStatistics } from './batch-norm.js';
import { assembleBiGruEncoder, biGruVariableSpecs } from './bigru-layout.js';
import { type BiGruEncoderConfig, biGruConfigProblems } from './config.js';
import { encodeBiGru } from './encode-bigru.js';
import type { BiGruEncoder } from './encoder.js';
import type { EncoderKind } from './encoder-kind.js';

/** The BiGRU sequence encoder of both references (method spec §6). */
export const biGruKind: EncoderKind<BiGruEncoderConfig, BiGruEncoder> = {
  kind: 'bigru',
  input: 'sequence',
  configProblems: biGruConfigProblems,
  variableSpecs: biGruVariableSpecs,
  assemble: assembleBiGruEncoder,
  encode: (model, x, options) => encodeBiGru(model, x as tf.Tensor3D, options),
  updateRunningStatistics: (model, x) => updateBiGruRunningStatistics(model, x as tf.Tensor3D),
  featureSize: (config) => 2 * config.hiddenSize,
};
