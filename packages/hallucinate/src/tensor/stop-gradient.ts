import * as tf from '@tensorflow/tfjs-core';

/**
 * The identity whose gradient is zero (tfjs has no `stopGradient`): marks a value as a constant of
 * the loss even when it was computed from trainable variables inside the gradient tape.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  // customGrad passes its inputs followed by a save function; the only input is the tensor.
  const constant = tf.customGrad((input) => ({
    value: tf.clone(input as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }));
  return constant(x) as T;
}
