import * as tf from '@tensorflow/tfjs-core';
import type { PointwiseConvWeights } from './pointwise-conv.js';

/** Frames after a stride-s convolution that pads (k − 1) / 2 frames each side: ⌊(T − 1) / s⌋ + 1. */
export function stridedFrames(frames: number, stride: number): number {
  return Math.floor((frames - 1) / stride) + 1;
}

/**
 * Convolution along time of x [N, T, V, C] with a kernel of k (odd) frames and one joint, zero
 * padding (k − 1) / 2 frames each side and stride s, as the reference's `Conv2d(kernel (k, 1),
 * padding ((k − 1) / 2, 0), stride (s, 1))`:
 *
 *   y[n, t, v] = b + Σ_j x[n, s·t + j − (k − 1)/2, v] · W_j,   t < ⌊(T − 1) / s⌋ + 1,
 *
 * with W_j rows j·C … j·C + C − 1 of the kernel [k·C, C_out]. The forward pass is `tf.conv2d`; the
 * gradients are written here (see {@link convolveFrames}).
 */
export function temporalConv(
  x: tf.Tensor4D,
  conv: PointwiseConvWeights,
  span: number,
  stride: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const output = conv.kernel.shape[1]!;
    const filter = tf.reshape<tf.Rank.R4>(conv.kernel, [span, 1, x.shape[3], output]);
    return tf.add(convolveFrames(x, filter, stride), conv.bias);
  });
}

/**
 * `tf.conv2d` along time (filter [k, 1, C, C_out], 'same'-style padding (k − 1) / 2, stride s) with
 * its gradients computed without `Conv2DBackpropFilter`, which tfjs's WASM backend lacks:
 *
 *   ∂L/∂W_j = Σ_{n,t,v} x_pad[n, s·t + j, v]ᵀ · dy[n, t, v]    (k matMuls, one shifted view at a time),
 *   ∂L/∂x   = the stride-1 correlation of dy spread to every s-th frame with the kernel reversed in
 *             time and transposed ((k − 1) / 2 frames of padding in front).
 *
 * Unlike unfolding the k shifted frames side by side (im2col), nothing k times the activations'
 * size is ever held, which keeps large batches inside the WASM heap.
 */
function convolveFrames(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  const pad = (filter.shape[0] - 1) / 2;
  const convolve = tf.customGrad((input, weights, save) => {
    const [clips, kernel] = [input as tf.Tensor4D, weights as tf.Tensor4D];
    (save as tf.GradSaveFunc)([clips, kernel]);
    return {
      value: tf.conv2d(clips, kernel, [stride, 1], framePadding(pad, pad)),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [savedClips, savedKernel] = saved as [tf.Tensor4D, tf.Tensor4D];
        return [
          inputGradient(dy, savedKernel, stride, savedClips.shape[1]),
          filterGradient(savedClips, dy, stride, pad),
        ];
      },
    };
  });
  return convolve(x, filter) as tf.Tensor4D;
}

/** ∂L/∂W [k, 1, C, C_out]: one [C, C_out] product per frame offset j. */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, stride: number, pad: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, frames, , channels] = x.shape;
    const [, outputFrames, , output] = dy.shape;
    const span = 2 * pad + 1;
    const grouped = groupByStride(x, stride, pad, Math.ceil((frames + 2 * pad) / stride));
    const rows = tf.reshape(dy, [-1, output]);
    const perOffset = Array.from({ length: span }, (_, offset) =>
      tf.tidy(() => {
        const shifted = tf.reshape(framesFrom(grouped, offset, outputFrames), [-1, channels]);
        return tf.matMul(shifted, rows, true, false);
      }),
    );
    return tf.reshape(tf.stack(perOffset), [span, 1, channels, output]);
  });
}

/**
 * ∂L/∂x [N, T, V, C]: x[u] feeds y[t] through W_j when s·t + j = u + p, so with dy spread to frames
 * s·t (zeros between) as d, ∂L/∂x[u] = Σ_j d[u + p − j] · W_jᵀ, a stride-1 correlation of d (padded
 * by p in front) with the kernel reversed in time. Frames of d beyond T − 1 + p reach no x.
 */
function inputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, stride: number, frames: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, outputFrames, joints, output] = dy.shape;
    const pad = (filter.shape[0] - 1) / 2;
    const spread: tf.Tensor4D =
      stride === 1
        ? dy
        : tf.reshape<tf.Rank.R4>(
            tf.pad(tf.reshape(dy, [n, outputFrames, 1, joints, output]), [
              [0, 0],
              [0, 0],
              [0, stride - 1],
              [0, 0],
              [0, 0],
            ]),
            [n, outputFrames * stride, joints, output],
          );
    const reach = frames + pad;
    const kept =
      spread.shape[1] > reach ? tf.slice(spread, [0, 0, 0, 0], [n, reach, joints, output]) : spread;
    const reversed = tf.transpose<tf.Tensor4D>(tf.reverse(filter, 0), [0, 1, 3, 2]);
    return tf.conv2d(kept, reversed, 1, framePadding(pad, reach - kept.shape[1])) as tf.Tensor4D;
  });
}

/** Explicit NHWC padding of `before` and `after` frames, none across joints. */
function framePadding(before: number, after: number): tf.backend_util.ExplicitPadding {
  return [
    [0, 0],
    [before, after],
    [0, 0],
    [0, 0],
  ];
}

/** Every s-th frame of x [N, T, V, C], from the first: x[:, s·t] for t < ⌊(T − 1) / s⌋ + 1. */
export function everyNthFrame(x: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (stride === 1) return x;
  return tf.tidy(() => {
    const output = stridedFrames(x.shape[1], stride);
    return framesFrom(groupByStride(x, stride, 0, output), 0, output);
  });
}

/**
 * x [N, T, V, C] zero-padded with `before` frames in front and enough behind to make `groups`·s
 * frames, viewed as [N, groups, s, V, C]: frame r sits at (⌊r / s⌋, r mod s), so the frames
 * offset, offset + s, offset + 2s, … are one slice.
 */
function groupByStride(x: tf.Tensor4D, stride: number, before: number, groups: number): tf.Tensor5D {
  const [n, frames, joints, channels] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    [before, groups * stride - frames - before],
    [0, 0],
    [0, 0],
  ]);
  return tf.reshape(padded, [n, groups, stride, joints, channels]);
}

/** Frames offset + s·t of the (padded) clip, t < count, from its stride-grouped view. */
function framesFrom(grouped: tf.Tensor5D, offset: number, count: number): tf.Tensor4D {
  const [n, , stride, joints, channels] = grouped.shape;
  const begin = [0, Math.floor(offset / stride), offset % stride, 0, 0];
  return tf.reshape(tf.slice(grouped, begin, [n, count, 1, joints, channels]), [n, count, joints, channels]);
}
