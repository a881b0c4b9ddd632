import * as tf from '@tensorflow/tfjs-core';
import type { HeadVariables } from './encoder.js';

/** The projection head: features [B, 2H] → embedding [B, E] (linear, or Linear–ReLU–Linear). */
export function applyHead(head: HeadVariables, features: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    if (head.kind === 'linear') return tf.add(tf.matMul(features, head.kernel as tf.Tensor2D), head.bias);
    const hidden = tf.relu(tf.add(tf.matMul(features, head.hiddenKernel as tf.Tensor2D), head.hiddenBias));
    return tf.add(tf.matMul(hidden as tf.Tensor2D, head.outputKernel as tf.Tensor2D), head.outputBias);
  });
}
