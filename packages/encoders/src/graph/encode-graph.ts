import * as tf from '@tensorflow/tfjs-core';
import type { EncodeOptions, Encoding } from '../encoding.js';
import { applyHead } from '../head.js';
import { graphBlock } from './graph-block.js';
import type { GraphEncoder } from './graph-encoder.js';
import { applyBatchNorm, type Normalise } from './normalise.js';
import { PARTITION_SUBSETS } from './spatial-partition.js';

/**
 * Encodes grids x [B, M, T, V, C] with the graph encoder (2s-AGCN, the ISC reference's): BatchNorm
 * over the M·V·C channels of each frame, the M bodies folded into the batch ([B·M, T, V, C]), the
 * blocks, the average over frames, joints and bodies (features [B, F]), the head. Differentiable
 * with respect to `x` and every trainable variable; running statistics are not touched here (in
 * training each BatchNorm appends its batch moments to `options.moments`).
 *
 * The reference has no dropout in this model, so nothing here draws random numbers.
 *
 * @throws RangeError when x is not [B ≥ 1, bodies, T ≥ 1, joints, inputChannels]; in training when a
 *   BatchNorm sees fewer than 2 values per channel (B·T < 2).
 */
export function encodeGraph(encoder: GraphEncoder, x: tf.Tensor, options: EncodeOptions): Encoding {
  const grids = checkedGrids(encoder, x);
  return tf.tidy(() => {
    const features = graphFeatures(encoder, grids, applyBatchNorm(options.training, options.moments));
    return { features, embedding: applyHead(encoder.head, features) };
  });
}

/** The backbone: grids [B, M, T, V, C] → features [B, F], with each BatchNorm applied by `normalise`. */
function graphFeatures(encoder: GraphEncoder, x: tf.Tensor5D, normalise: Normalise): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, bodies, frames, joints, channels] = x.shape;
    // The reference's data_bn: one channel per (body, joint, coordinate), statistics over B and T.
    const perFrame = tf.reshape(tf.transpose(x, [0, 2, 1, 3, 4]), [
      batch * frames,
      bodies * joints * channels,
    ]);
    const normalised = tf.reshape(normalise(encoder.inputNorm, perFrame), [
      batch,
      frames,
      bodies,
      joints,
      channels,
    ]);
    let h = tf.reshape<tf.Rank.R4>(tf.transpose(normalised, [0, 2, 1, 3, 4]), [
      batch * bodies,
      frames,
      joints,
      channels,
    ]);
    const partition = tf.tensor3d(encoder.partition, [PARTITION_SUBSETS, joints, joints]);
    for (const block of encoder.blocks) {
      h = graphBlock(block, h, partition, encoder.config.temporalKernel, normalise);
    }
    const [, outputFrames, , width] = h.shape;
    // Every body has as many positions, so one mean over them all is the reference's mean of means.
    return tf.mean(tf.reshape(h, [batch, bodies * outputFrames * joints, width]), 1);
  });
}

function checkedGrids(encoder: GraphEncoder, x: tf.Tensor): tf.Tensor5D {
  const { bodies, joints, inputChannels } = encoder.config;
  const [batch = 0, m, frames = 0, v, c] = x.shape;
  if (x.rank !== 5 || batch < 1 || m !== bodies || frames < 1 || v !== joints || c !== inputChannels) {
    throw new RangeError(
      `encode (graph): expected grids [B ≥ 1, ${bodies}, T ≥ 1, ${joints}, ${inputChannels}], got [${x.shape.join(', ')}]`,
    );
  }
  return x as tf.Tensor5D;
}
