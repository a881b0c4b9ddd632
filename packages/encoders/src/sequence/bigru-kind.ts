import type * as tf from '@tensorflow/tfjs-core';
import type { EncoderKind } from '../encoder-kind.js';
import { type BiGruEncoderConfig, biGruConfigProblems } from './bigru-config.js';
import type { BiGruEncoder } from './bigru-encoder.js';
import { assembleBiGruEncoder, biGruVariableSpecs } from './bigru-layout.js';
import { encodeBiGru } from './encode-bigru.js';

/** The BiGRU sequence encoder of both references (docs/method.md §6). */
export const biGruKind: EncoderKind<BiGruEncoderConfig, BiGruEncoder> = {
  kind: 'bigru',
  input: 'sequence',
  configProblems: biGruConfigProblems,
  variableSpecs: biGruVariableSpecs,
  assemble: assembleBiGruEncoder,
  encode: (model, x, options) => encodeBiGru(model, x as tf.Tensor3D, options),
  featureSize: (config) => 2 * config.hiddenSize,
};
