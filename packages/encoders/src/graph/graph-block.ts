import * as tf from '@tensorflow/tfjs-core';
import { graphConv } from './graph-conv.js';
import type { GraphBlockVariables } from './graph-encoder.js';
import type { Normalise } from './normalise.js';
import { pointwiseConv } from './pointwise-conv.js';
import { everyNthFrame, temporalConv } from './temporal-conv.js';

/**
 * One block (2s-AGCN's `TCN_GCN_unit`) on x [N, T, V, C_in]:
 *
 *   y = ReLU( BN(TCN(GCN(x))) + residual(x) ),   [N, ⌊(T − 1) / s⌋ + 1, V, C_out]
 *
 * GCN the spatial graph convolution ({@link graphConv}), TCN the temporal convolution over `span`
 * frames with stride s, residual nothing (first block), x, or every s-th frame of x through a
 * 1×1 convolution + BN (when the channels or the frame rate change).
 */
export function graphBlock(
  block: GraphBlockVariables,
  x: tf.Tensor4D,
  partition: tf.Tensor3D,
  span: number,
  normalise: Normalise,
): tf.Tensor4D {
  return tf.tidy(() => {
    const spatial = graphConv(block.graphConv, x, partition, normalise);
    const y = normalise(
      block.temporalConv.norm,
      temporalConv(spatial, block.temporalConv, span, block.stride),
    );
    const { residual } = block;
    if (residual.kind === 'none') return tf.relu(y);
    const shortcut =
      residual.kind === 'identity'
        ? x
        : normalise(residual.conv.norm, pointwiseConv(everyNthFrame(x, block.stride), residual.conv));
    return tf.relu(tf.add<tf.Tensor4D>(y, shortcut));
  });
}
