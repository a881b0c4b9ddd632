import { matrix } from '@halp/hypersphere';
import type { Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { FIXED_OFFSET, type HallucinationOptions, usesFixedOffset } from '../options.js';
import { checkDraws, drawHallucinations, type HallucinationDraws, isRandom } from '../sampling.js';

/** Explicit draws as tensors: `selected` int32 and `u` float32, each with B·G entries ([B·G] or [B, G]). */
export interface HallucinationDrawTensors {
  readonly selected: tf.Tensor;
  /** Omitted only when λ = 1000 with `'reference'` sampling. */
  readonly u?: tf.Tensor;
}

/** Batched `interpolationFromDraw`. */
export function interpolationFromDrawsTensor<T extends tf.Tensor>(
  u: T,
  tMax: T,
  options: Pick<HallucinationOptions, 'lambda' | 'sampling'>,
): T {
  if (usesFixedOffset(options)) return tf.relu(tf.sub(tMax, FIXED_OFFSET)) as T;
  return options.sampling === 'reference' ? tf.mul(tf.sub(1, u), tMax) : tf.mul(u, tMax);
}

/**
 * The draws as flat [B·G] tensors (int32 prototype indices, float32 u): made from `source` when it is
 * a `Random` (reading the similarities back once), checked when given as arrays, reshaped when given
 * as tensors.
 */
export function drawTensors(
  source: Random | HallucinationDraws | HallucinationDrawTensors,
  similarities: tf.Tensor2D,
  count: number,
  prototypeCount: number,
  options: HallucinationOptions,
): { selected: tf.Tensor1D; u: tf.Tensor1D } {
  if (isRandom(source)) {
    const table = matrix(similarities.shape[0], prototypeCount, similarities.dataSync());
    return drawsAsTensors(drawHallucinations(source, table, options));
  }
  if (source.selected instanceof tf.Tensor) {
    const selected = flatDraws(source.selected, count, 'selected', 'int32');
    const u = source.u instanceof tf.Tensor ? flatDraws(source.u, count, 'u', 'float32') : undefined;
    if (u === undefined && !usesFixedOffset(options)) {
      throw new RangeError('draws.u is required unless lambda = 1000');
    }
    return { selected, u: u ?? tf.zeros([count]) };
  }
  return drawsAsTensors(checkDraws(source as HallucinationDraws, count, prototypeCount, options));
}

function drawsAsTensors(draws: Required<HallucinationDraws>): { selected: tf.Tensor1D; u: tf.Tensor1D } {
  return {
    selected: tf.tensor1d(Int32Array.from(draws.selected), 'int32'),
    u: tf.tensor1d(Float32Array.from(draws.u), 'float32'),
  };
}

function flatDraws(draws: tf.Tensor, count: number, name: string, dtype: 'int32' | 'float32'): tf.Tensor1D {
  if (draws.size !== count || draws.dtype !== dtype) {
    throw new RangeError(
      `draws.${name} must be a ${dtype} tensor with ${count} entries, got ${draws.dtype} [${draws.shape}]`,
    );
  }
  return tf.reshape(draws, [count]);
}
