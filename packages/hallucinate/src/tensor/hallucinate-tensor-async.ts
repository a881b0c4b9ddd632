import { matrix } from '@halp/hypersphere';
import { normalizeRows } from '@halp/hypersphere/tensor';
import type { Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { type HallucinationOptions, resolveHallucinationOptions } from '../options.js';
import { drawHallucinations } from '../sampling.js';
import {
  checkAnchorsAndPrototypes,
  cosineSimilarities,
  type HallucinationTensors,
  hallucinateTensor,
} from './hallucinate-tensor.js';

/**
 * `hallucinateTensor` with a `Random` source, for backends without synchronous read-back (WebGPU
 * under Node): the similarities are read with `await data()`, the draws made in JavaScript with
 * exactly the calls of the synchronous form, and the rest computed from those explicit draws. The
 * result equals `hallucinateTensor(anchors, prototypes, options, random)` given the same random
 * state (the similarity table is computed by the same operations).
 */
export async function hallucinateTensorAsync(
  anchors: tf.Tensor2D,
  prototypes: tf.Tensor2D,
  options: Partial<HallucinationOptions>,
  random: Random,
): Promise<HallucinationTensors> {
  const settings = resolveHallucinationOptions(options);
  checkAnchorsAndPrototypes(anchors, prototypes);
  const similarities = tf.tidy(() =>
    cosineSimilarities(normalizeRows(anchors), tf.transpose(normalizeRows(prototypes))),
  );
  const [rows, columns] = similarities.shape;
  const table = matrix(rows, columns, await similarities.data());
  similarities.dispose();
  return hallucinateTensor(anchors, prototypes, settings, drawHallucinations(random, table, settings));
}
