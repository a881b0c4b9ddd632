import type * as tf from '@tensorflow/tfjs-core';
import type { BatchMoments } from './batch-norm.js';

export interface EncodeOptions {
  /** BatchNorm uses batch statistics when true, running statistics when false. */
  readonly training: boolean;
  /**
   * In training, every BatchNorm appends its batch moments here (kept tensors): fold them into the
   * running statistics with `foldBatchMoments` once the step is accepted (PyTorch folds them
   * during forward; this keeps a rejected step from touching them).
   */
  readonly moments?: BatchMoments[];
}

export interface Encoding {
  /** The backbone's output, [B, F]: what kNN and linear evaluation use. */
  readonly features: tf.Tensor2D;
  /** The head's output, [B, E]: what the contrastive loss uses (before normalisation). */
  readonly embedding: tf.Tensor2D;
}
