import * as tf from '@tensorflow/tfjs-core';

/**
 * MoCo's momentum update of the key encoder: θ_k ← m·θ_k + (1 − m)·θ_q, for each pair of
 * parameters (same order, same shapes). The key encoder is never trained by gradients.
 */
export function momentumUpdate(
  keyParameters: readonly tf.Variable[],
  queryParameters: readonly tf.Tensor[],
  momentum: number,
): void {
  if (keyParameters.length !== queryParameters.length) {
    throw new RangeError(
      `momentumUpdate: ${keyParameters.length} key parameters but ${queryParameters.length} query parameters`,
    );
  }
  if (!(momentum >= 0 && momentum <= 1)) {
    throw new RangeError(`momentumUpdate: momentum must be in [0, 1], got ${momentum}`);
  }
  tf.tidy(() => {
    keyParameters.forEach((key, i) => {
      const query = queryParameters[i]!;
      if (!tf.util.arraysEqual(key.shape, query.shape)) {
        throw new RangeError(
          `momentumUpdate: parameter ${i} (${key.name}) has shape [${key.shape}] but the query's is [${query.shape}]`,
        );
      }
      key.assign(tf.add(tf.mul(key, momentum), tf.mul(query, 1 - momentum)));
    });
  });
}

/** Array form of {@link momentumUpdate} for one parameter: returns m·key + (1 − m)·query. */
export function momentumAverage(
  key: ArrayLike<number>,
  query: ArrayLike<number>,
  momentum: number,
): Float64Array {
  const result = new Float64Array(key.length);
  for (let i = 0; i < key.length; i += 1) result[i] = momentum * key[i]! + (1 - momentum) * query[i]!;
  return result;
}
