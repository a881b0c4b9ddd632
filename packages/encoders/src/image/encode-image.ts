import * as tf from '@tensorflow/tfjs-core';
import type { Encoding } from '../encoding.js';
import { applyHead } from '../head.js';
import { convolve, maxPool2x2 } from './convolution.js';
import { imageFeatureSize } from './image-config.js';
import type { ImageEncoder, ImageEncoderConfig, ImageStreamVariables } from './image-encoder.js';
import { motionInput } from './motion.js';

/**
 * Features and embedding of grids x [B, M, T, V, C] (channels last), as Skeleton-Contrast's HCN
 * computes them. Each body is encoded on its own by two streams with separate weights, one on the
 * coordinates and one on their motion (see {@link motionInput}); the streams are concatenated along
 * the channels and fused:
 *
 *   conv5 → ReLU → max-pool → conv6 → ReLU → max-pool → flatten        (per body)
 *   features = max over the M bodies, elementwise;  embedding = head(features)
 *
 * The features (HCN's flattened last feature map, what its `knn_eval` returns) are flattened in
 * (row, column, channel) order where PyTorch flattens (channel, row, column): the same numbers,
 * permuted. The reference's Dropout2d(0.5) after conv4, conv5 and conv6 is left out (it would draw
 * random numbers outside `Random`); BatchNorm is used nowhere, so `training` changes nothing.
 *
 * @throws RangeError naming the axis when x is not [B, bodies, frames, joints, inputChannels].
 */
export function encodeImage(encoder: ImageEncoder, x: tf.Tensor): Encoding {
  assertImageInput(encoder.config, x);
  return tf.tidy(() => {
    const [batch, bodies, frames, joints, channels] = x.shape as [number, number, number, number, number];
    const grids = tf.reshape(x, [batch * bodies, frames, joints, channels]) as tf.Tensor4D;
    const position = streamOutput(encoder.position, grids);
    const motion = streamOutput(encoder.motion, motionInput(grids));
    const { conv5, conv6 } = encoder.fusion;
    const fused = maxPool2x2(tf.relu(convolve(tf.concat([position, motion], 3), conv5)));
    const last = maxPool2x2(tf.relu(convolve(fused, conv6)));
    const perBody = tf.reshape(last, [batch, bodies, imageFeatureSize(encoder.config)]);
    const features = tf.max(perBody, 1) as tf.Tensor2D;
    return { features, embedding: applyHead(encoder.head, features) };
  });
}

/**
 * One stream on grids [N, T, V, C]. Point level: conv1 (1×1, ReLU) and conv2 (3×1 over time, no
 * activation) give every joint of every frame P features. Co-occurrence level: the joints become the
 * channels of a T × P image (HCN's transpose), so that conv3 mixes all joints at once; conv3 and
 * conv4 (3×3, no activation, as in HCN) are each followed by a 2×2 max-pool. → [N, T/4, P/4, C4].
 */
function streamOutput(stream: ImageStreamVariables, grids: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const points = convolve(tf.relu(convolve(grids, stream.conv1)), stream.conv2);
    const cooccurrence = tf.transpose(points, [0, 1, 3, 2]);
    return maxPool2x2(convolve(maxPool2x2(convolve(cooccurrence, stream.conv3)), stream.conv4));
  });
}

const AXES = [
  ['batch', null],
  ['bodies', 'bodies'],
  ['frames', 'frames'],
  ['joints', 'joints'],
  ['channels', 'inputChannels'],
] as const;

function assertImageInput(config: ImageEncoderConfig, x: tf.Tensor): void {
  const expected = `[B, ${config.bodies}, ${config.frames}, ${config.joints}, ${config.inputChannels}]`;
  if (x.rank !== AXES.length) {
    throw new RangeError(`image encoder: x must be [B, M, T, V, C] = ${expected}, got [${x.shape}]`);
  }
  AXES.forEach(([axis, field], index) => {
    const size = x.shape[index]!;
    const wanted = field === null ? null : config[field];
    if (wanted === null ? size < 1 : size !== wanted) {
      const rule = wanted === null ? 'at least 1' : `${wanted} (config.${field})`;
      throw new RangeError(
        `image encoder: x.shape[${index}] (${axis}) must be ${rule}, got ${size} in [${x.shape}]`,
      );
    }
  });
}
