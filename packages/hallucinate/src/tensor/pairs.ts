import { geodesicAngleRows } from '@halp/hypersphere/tensor';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Every (anchor, prototype) pair as rows of two [B·P, D] tensors, anchor-major (row b·P + j pairs
 * anchor b with prototype j). Materialised by broadcasting arithmetic rather than `tf.tile`, whose
 * kernels are slow on the cpu and wasm backends. Call inside `tf.tidy`.
 */
function pairRows(
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

/** Ω(z_b, P_j) for every (anchor, prototype) pair, [B, P]. Call inside `tf.tidy`. */
export function pairAngles(anchors: tf.Tensor2D, prototypes: tf.Tensor2D): tf.Tensor2D {
  const { anchorRows, prototypeRows } = pairRows(anchors, prototypes);
  return tf.reshape(geodesicAngleRows(anchorRows, prototypeRows), [
    anchors.shape[0],
    prototypes.shape[0],
  ]) as tf.Tensor2D;
}
