import type * as tf from '@tensorflow/tfjs-core';
import type { BatchNormVariables, HeadVariables, NamedVariable } from '../variables.js';
import type { BiGruEncoderConfig } from './bigru-config.js';
import type { BiGruLayerWeights } from './bigru-layer.js';

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
  /** The same variables, flat, named and in a fixed order (see `namedVariables`). */
  readonly variables: readonly NamedVariable[];
}
