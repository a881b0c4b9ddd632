import * as tf from '@tensorflow/tfjs-core';

/** A 1×1 convolution's weights (variables, or tensors derived from them). */
export interface PointwiseConvWeights {
  readonly kernel: tf.Tensor;
  readonly bias: tf.Tensor;
}

/** A 1×1 convolution of x [N, T, V, C_in]: y[n, t, v] = x[n, t, v] · kernel + bias, [N, T, V, C_out]. */
export function pointwiseConv(x: tf.Tensor4D, conv: PointwiseConvWeights): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, frames, joints, channels] = x.shape;
    const rows = tf.reshape(x, [n * frames * joints, channels]);
    const y = tf.add(tf.matMul(rows, conv.kernel as tf.Tensor2D), conv.bias);
    return tf.reshape(y, [n, frames, joints, conv.kernel.shape[1]!]);
  });
}
