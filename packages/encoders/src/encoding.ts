import type * as tf from '@tensorflow/tfjs-core';

export interface EncodeOptions {
  /** BatchNorm uses batch statistics when true, running statistics when false. */
  readonly training: boolean;
}

export interface Encoding {
  /** The backbone's output, [B, F]: what kNN and linear evaluation use. */
  readonly features: tf.Tensor2D;
  /** The head's output, [B, E]: what the contrastive loss uses (before normalisation). */
  readonly embedding: tf.Tensor2D;
}
