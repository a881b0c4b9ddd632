import * as tf from '@tensorflow/tfjs-core';

/** Kernel [kh, kw, C_in, C_out] and bias [C_out] (variables in a model, any tensors in a test). */
export interface ConvolutionWeights {
  readonly kernel: tf.Tensor;
  readonly bias: tf.Tensor;
}

/**
 * A stride-1 2-D convolution of channels-last images with zero "same" padding (odd kernels, as
 * every HCN convolution is):
 *
 *   y[n, i, j, o] = b[o] + Σ_{dy, dx, c} x_pad[n, i + dy, j + dx, c] · W[dy, dx, c, o]
 *
 * The backward pass is written out with forward convolutions and matMuls only. tfjs' own needs
 * `Conv2DBackpropFilter`, which tfjs-backend-wasm lacks (training would fail there), and
 * `Conv2DBackpropInput`, which it runs as plain loops (the whole step took 2× longer with it).
 *
 * x [N, H, W, C_in] → [N, H, W, C_out].
 */
export function convolve(x: tf.Tensor4D, { kernel, bias }: ConvolutionWeights): tf.Tensor4D {
  const convolution = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [images, weights, shift] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    save([images, weights]);
    return {
      value: tf.add(tf.conv2d(images, weights, 1, 'same'), shift),
      gradFunc: (dy, saved) => {
        const [savedImages, savedWeights] = saved as [tf.Tensor4D, tf.Tensor4D];
        const upstream = dy as tf.Tensor4D;
        return [
          inputGradient(upstream, savedWeights),
          kernelGradient(savedImages, upstream, savedWeights.shape),
          tf.sum(upstream, [0, 1, 2]),
        ];
      },
    };
  });
  return convolution(x, kernel, bias) as tf.Tensor4D;
}

/**
 * ∂L/∂x[n, i, j, c] = Σ_{dy, dx, o} g_pad[n, i − dy + p_y, j − dx + p_x, o] · W[dy, dx, c, o]: a "same"
 * convolution of the upstream gradient g with the kernel flipped in space and its channel axes swapped,
 * W'[a, b, o, c] = W[kh − 1 − a, kw − 1 − b, c, o] (the padding is symmetric for odd kernels).
 */
function inputGradient(upstream: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const flipped = tf.transpose(tf.reverse(kernel, [0, 1]), [0, 1, 3, 2]);
    return tf.conv2d(upstream, flipped, 1, 'same');
  });
}

/**
 * ∂L/∂W[dy, dx, c, o] = Σ_{n, i, j} x_pad[n, i + dy, j + dx, c] · g[n, i, j, o] is itself a "valid"
 * convolution once the batch and channel axes trade places: the images x_pad as [C_in, H + 2p_y,
 * W + 2p_x, N] (C_in images with N channels) filtered by the upstream gradient as [H, W, N, C_out] give
 * [C_in, kh, kw, C_out]. This runs on the backend's convolution (XNNPACK on WASM) without building
 * an im2col matrix of kh·kw shifted copies of the images.
 */
function kernelGradient(
  x: tf.Tensor4D,
  upstream: tf.Tensor4D,
  kernelShape: readonly [number, number, number, number],
): tf.Tensor4D {
  return tf.tidy(() => {
    const padY = (kernelShape[0] - 1) / 2;
    const padX = (kernelShape[1] - 1) / 2;
    const images = tf.transpose(x, [3, 1, 2, 0]);
    const padded =
      padY === 0 && padX === 0
        ? images
        : tf.pad(images, [
            [0, 0],
            [padY, padY],
            [padX, padX],
            [0, 0],
          ]);
    const filter = tf.transpose(upstream, [1, 2, 0, 3]);
    return tf.transpose(tf.conv2d(padded, filter, 1, 'valid'), [1, 2, 0, 3]);
  });
}

/** HCN's `MaxPool2d(2)`: 2×2 windows, stride 2, an odd last row or column dropped. */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 2, 2, 'valid');
}
