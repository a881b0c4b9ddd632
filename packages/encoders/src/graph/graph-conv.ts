import * as tf from '@tensorflow/tfjs-core';
import type { AdaptiveAdjacencyVariables, GraphConvVariables } from './graph-encoder.js';
import type { Normalise } from './normalise.js';
import { pointwiseConv } from './pointwise-conv.js';
import { PARTITION_SUBSETS } from './spatial-partition.js';

/**
 * The spatial graph convolution of a block (2s-AGCN's `unit_gcn`) on x [N, T, V, C_in]:
 *
 *   y = ReLU( BN( Σ_k Ã_k x W_k + b_k ) + down(x) ),   Ã_k = A_k + B_k + C_k(x)  (adaptive)
 *                                                        Ã_k = A_k              (fixed, ST-GCN)
 *
 * with A_k the spatial partition (rows = receiving joints), B_k a learned offset, C_k a per-sample
 * attention (see {@link adaptiveAdjacency}), W_k a 1×1 convolution per subset and down(x) a
 * 1×1 convolution + BN when C_in ≠ C_out, else x. The K aggregations are one matMul (the stacked
 * [K·V, V] adjacency), the K convolutions another (the stacked [K·C_in, C_out] kernel).
 */
export function graphConv(
  conv: GraphConvVariables,
  x: tf.Tensor4D,
  partition: tf.Tensor3D,
  normalise: Normalise,
): tf.Tensor4D {
  return tf.tidy(() => {
    const joints = x.shape[2];
    const adjacency =
      conv.adaptive === null
        ? tf.reshape<tf.Rank.R2>(partition, [PARTITION_SUBSETS * joints, joints])
        : adaptiveAdjacency(conv.adaptive, x, partition);
    const aggregated = aggregateJoints(x, adjacency);
    const y = pointwiseConv(aggregated, { kernel: conv.conv.kernel, bias: tf.sum(conv.conv.bias, 0) });
    const shortcut = conv.down === null ? x : normalise(conv.down.norm, pointwiseConv(x, conv.down));
    return tf.relu(tf.add<tf.Tensor4D>(normalise(conv.norm, y), shortcut));
  });
}

/**
 * Per-sample adjacency [N, K·V, V] of 2s-AGCN: Ã_k = A_k + B_k + C_k with
 *
 *   C_k[w][v] = softmax_v( θ_k(x)_w · φ_k(x)_v / (C_e · T) ),
 *
 * θ_k and φ_k 1×1 convolutions to C_e = C_out / 4 channels whose outputs at a joint are flattened
 * over time (T·C_e values): row w (the receiving joint) of C_k sums to 1 over the sending joints v.
 */
function adaptiveAdjacency(
  adaptive: AdaptiveAdjacencyVariables,
  x: tf.Tensor4D,
  partition: tf.Tensor3D,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, frames, joints] = x.shape;
    const k = PARTITION_SUBSETS;
    const embeddingWidth = adaptive.receiving.kernel.shape[1]! / k;
    /** [N·K, V, T·C_e]: each subset's embedding of each joint, over all frames. */
    const embed = (embedding: AdaptiveAdjacencyVariables['receiving']) => {
      const y = tf.reshape(pointwiseConv(x, embedding), [n, frames, joints, k, embeddingWidth]);
      return tf.reshape<tf.Rank.R3>(tf.transpose(y, [0, 3, 2, 1, 4]), [
        n * k,
        joints,
        frames * embeddingWidth,
      ]);
    };
    const similarity = tf.matMul(embed(adaptive.receiving), embed(adaptive.sending), false, true);
    const attention = tf.reshape(tf.softmax(tf.div(similarity, frames * embeddingWidth)), [
      n,
      k,
      joints,
      joints,
    ]);
    const adjacency = tf.add(attention, tf.add(partition, adaptive.offset));
    return tf.reshape<tf.Rank.R3>(adjacency, [n, k * joints, joints]);
  });
}

/**
 * Σ_v Ã_k[w][v] · x[n, t, v] for every subset k: x [N, T, V, C] and the stacked adjacency [K·V, V]
 * (shared) or [N, K·V, V] (per sample) give [N, T, V, K·C], subset-major along the last axis.
 */
function aggregateJoints(x: tf.Tensor4D, adjacency: tf.Tensor2D | tf.Tensor3D): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, frames, joints, channels] = x.shape;
    const k = PARTITION_SUBSETS;
    if (adjacency.rank === 2) {
      // One [K·V, V] × [V, N·T·C] product for the whole batch.
      const columns = tf.reshape(tf.transpose(x, [2, 0, 1, 3]), [joints, n * frames * channels]);
      const y = tf.reshape(tf.matMul(adjacency as tf.Tensor2D, columns), [k, joints, n, frames, channels]);
      return tf.reshape(tf.transpose(y, [2, 3, 1, 0, 4]), [n, frames, joints, k * channels]);
    }
    const columns = tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [n, joints, frames * channels]);
    const y = tf.reshape(tf.matMul(adjacency as tf.Tensor3D, columns), [n, k, joints, frames, channels]);
    return tf.reshape(tf.transpose(y, [0, 3, 2, 1, 4]), [n, frames, joints, k * channels]);
  });
}
