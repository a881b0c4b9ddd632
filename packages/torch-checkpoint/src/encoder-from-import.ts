import { assembleEncoder, type BiGruEncoder, type BiGruEncoderConfig } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedArray } from './named-array.js';

/**
 * A halp BiGRU holding imported weights (`ReferenceMocoImport.query`, or `.key`): usable like any
 * encoder (encode, evaluate, `saveEncoder` for the browser). Dispose it with `disposeEncoder`.
 */
export function encoderFromImport(
  config: BiGruEncoderConfig,
  weights: ReadonlyMap<string, NamedArray>,
): BiGruEncoder {
  return assembleEncoder(config, (spec) => {
    const array = weights.get(spec.name);
    if (array === undefined) throw new RangeError(`encoderFromImport: no weights for ${spec.name}`);
    return tf.tidy(() => tf.variable(tf.tensor(array.data, [...spec.shape], 'float32'), spec.trainable));
  }) as BiGruEncoder;
}
