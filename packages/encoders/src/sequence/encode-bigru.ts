import * as tf from '@tensorflow/tfjs-core';
import { batchNorm } from '../batch-norm.js';
import type { EncodeOptions, Encoding } from '../encoding.js';
import { applyHead } from '../head.js';
import type { BiGruEncoder } from './bigru-encoder.js';
import { biGruLayer } from './bigru-layer.js';

/**
 * Encodes a batch of clips x [B, T, C] with a BiGRU: features = the last layer's output at the last
 * frame, [B, 2H]. BatchNorm over the C channels, the stacked bidirectional GRU
 * layers, the output at the last frame, the head. Differentiable with respect to `x` and every
 * trainable variable (use inside `tf.variableGrads` / `optimizer.minimize`); running statistics are
 * not touched here (in training the input BatchNorm appends its batch moments to `options.moments`).
 *
 * @throws RangeError when x is not [B ≥ 1, T ≥ 1, config.inputSize].
 */
export function encodeBiGru(encoder: BiGruEncoder, x: tf.Tensor3D, options: EncodeOptions): Encoding {
  const { config } = encoder;
  const [batch, frames, channels] = x.shape;
  if (x.rank !== 3 || batch < 1 || frames < 1 || channels !== config.inputSize) {
    throw new RangeError(
      `encode (bigru): expected clips [B ≥ 1, T ≥ 1, ${config.inputSize}], got [${x.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const normalized =
      encoder.inputNorm === null ? x : batchNorm(x, encoder.inputNorm, options.training, options.moments);
    let sequence = tf.transpose(normalized, [1, 0, 2]);
    for (const layer of encoder.layers) sequence = biGruLayer(sequence, layer, config.stepping);
    const width = 2 * config.hiddenSize;
    const features = tf.reshape<tf.Rank.R2>(tf.slice(sequence, [frames - 1, 0, 0], [1, batch, width]), [
      batch,
      width,
    ]);
    return { features, embedding: applyHead(encoder.head, features) };
  });
}
