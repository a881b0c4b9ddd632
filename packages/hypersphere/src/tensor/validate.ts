import type * as tf from '@tensorflow/tfjs-core';

/** Throws unless every tensor is a [B, D] matrix of the same shape (a shape mismatch is a caller bug). */
export function assertSameRows(operation: string, ...tensors: tf.Tensor[]): void {
  const [first] = tensors;
  for (const tensor of tensors) {
    if (tensor.rank !== 2 || tensor.shape[0] !== first!.shape[0] || tensor.shape[1] !== first!.shape[1]) {
      throw new RangeError(
        `${operation}: expected [B, D] tensors of one shape, got ${tensors.map((t) => `[${t.shape}]`).join(' and ')}`,
      );
    }
  }
}
