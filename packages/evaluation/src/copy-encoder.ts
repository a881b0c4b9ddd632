import { assembleEncoder, type Encoder } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';

/**
 * An encoder of the same kind and config whose variables start at the values of `encoder`'s and
 * are its own: training the copy (every update assigns a new value) never changes `encoder`.
 * Variables are paired by their stable names, so this works for every encoder kind. The caller
 * disposes the copy (`disposeEncoder`).
 */
export function copyEncoder(encoder: Encoder): Encoder {
  const values = new Map(encoder.variables.map(({ name, variable }) => [name, variable]));
  return assembleEncoder(encoder.config, (spec) => {
    const value = values.get(spec.name);
    if (value === undefined) throw new RangeError(`copyEncoder: the encoder has no variable ${spec.name}`);
    return tf.variable(value, spec.trainable);
  });
}
