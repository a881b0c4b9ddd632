import * as tf from '@tensorflow/tfjs-core';

/**
 * Every (anchor, prototype) pair as rows of two [B·P, D] tensors, anchor-major (row b·P + j pairs
 * anchor b with prototype j). Materialised by broadcasting arithmetic rather than `tf.tile`, whose
 * kernels are slow on the cpu and wasm backends. Call inside `tf.tidy`.
 */
export function pairRows(
  anchors: tf.Tensor2D,
  prototypes: tf.Tensor2D,
): { anchorRows: tf.Tensor2D; prototypeRows: tf.Tensor2D } {
  const [anchorCount, dimension] = anchors.shape;
  const prototypeCount = prototypes.shape[0];
  const grid = tf.zeros([anchorCount, prototypeCount, dimension]);
  return {
    anchorRows: tf.reshape(tf.add(grid, tf.expandDims(anchors, 1)), [-1, dimension]),
    prototypeRows: tf.reshape(tf.add(grid, tf.expandDims(prototypes, 0)), [-1, dimension]),
  };
}
