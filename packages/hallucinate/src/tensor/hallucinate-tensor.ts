import { expMapRows, logMapRows, normalizeRows } from '@halp/hypersphere/tensor';
import type { Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { type HallucinationOptions, resolveHallucinationOptions } from '../options.js';
import type { HallucinationDraws } from '../sampling.js';
import { maxInterpolationTableTensor } from './max-interpolation-tensor.js';
import { pairRows } from './pairs.js';
import {
  drawTensors,
  type HallucinationDrawTensors,
  interpolationFromDrawsTensor,
} from './sampling-tensor.js';

/**
 * The batched form of `Hallucinations`; dispose it with `tf.dispose(result)` (a type alias, not an
 * interface, so that it is a `tf.TensorContainer`).
 */
export type HallucinationTensors = {
  /** z_H, [B, G, D], unit rows. */
  readonly positives: tf.Tensor3D;
  /** t of each positive, [B, G]. */
  readonly t: tf.Tensor2D;
  /** t* of each positive, [B, G]. */
  readonly tMax: tf.Tensor2D;
  /** P_sel of each positive, [B, G] int32. */
  readonly selected: tf.Tensor2D;
  /** P* of each anchor, [B] int32. */
  readonly anchorClosest: tf.Tensor1D;
  /** Closest prototype of each positive, [B, G] int32. */
  readonly positiveClosest: tf.Tensor2D;
  /** Whether each positive keeps its anchor's P*, [B, G] bool. */
  readonly keep: tf.Tensor2D;
  /** Number of kept positives, int32 scalar. */
  readonly keptCount: tf.Scalar;
};

/**
 * Batched `hallucinate` for the trainer: anchors [B, D], prototypes [P, D], no per-positive loop.
 * t* and the geodesic's tangent are computed once per (anchor, prototype) pair and selected per
 * positive; the per-positive work is one exponential map and one matMul over [B·G, D].
 *
 * With a `Random` source the draws are made in JavaScript from the similarities (the one
 * read-back), with exactly the calls `hallucinate` makes, so the two forms draw alike given equal
 * rankings (float32 rounding can reorder near-equal similarities).
 *
 * The result is not differentiable (it is built from argmax, comparisons and `where`): call this
 * on keys that are constants of the differentiated function, as MoCo's are (the key encoder is
 * updated by momentum, not by gradients), or outside the gradient tape. `halpLossTensor` treats
 * the positives and the mask as constants either way. Explicit draw tensors are not range-checked
 * (that would need a read-back).
 */
export function hallucinateTensor(
  anchors: tf.Tensor2D,
  prototypes: tf.Tensor2D,
  options: Partial<HallucinationOptions>,
  source: Random | HallucinationDraws | HallucinationDrawTensors,
): HallucinationTensors {
  const settings = resolveHallucinationOptions(options);
  checkAnchorsAndPrototypes(anchors, prototypes);
  const [anchorCount, dimension] = anchors.shape;
  const prototypeCount = prototypes.shape[0];
  const positivesPerAnchor = settings.numPositives;
  const count = anchorCount * positivesPerAnchor;

  return tf.tidy(() => {
    const unitAnchors = normalizeRows(anchors);
    const unitPrototypes = normalizeRows(prototypes);
    // [D, P] once, so that the matMuls below need no transposed operand (slow on the wasm backend).
    const prototypeColumns = tf.transpose(unitPrototypes);
    const similarities = cosineSimilarities(unitAnchors, prototypeColumns);
    const anchorClosest = tf.argMax(similarities, 1) as tf.Tensor1D;
    const draws = drawTensors(source, similarities, count, prototypeCount, settings);
    const perAnchor = [anchorCount, positivesPerAnchor] as [number, number];
    const selected = tf.reshape(draws.selected, perAnchor) as tf.Tensor2D;

    // Everything before the positive depends on (anchor b, P_sel = j) only: t* and the tangent
    // log_z(P_j) are computed for the B·P pairs and picked per positive by a one-hot batched matMul
    // ([B, G, P] × [B, P, ·]): exact, and faster than gathers on the cpu and wasm backends.
    const choice = tf.cast(tf.oneHot(selected, prototypeCount), 'float32') as tf.Tensor3D;
    const table = maxInterpolationTableTensor(
      unitAnchors,
      unitPrototypes,
      anchorClosest,
      settings.maxInterpolationRule,
    );
    const tMax = tf.squeeze(tf.matMul(choice, tf.expandDims(table, 2)), [2]) as tf.Tensor2D;
    const t = interpolationFromDrawsTensor(tf.reshape(draws.u, perAnchor), tMax, settings) as tf.Tensor2D;
    // slerp(z, P_sel, t) = exp_z(t·log_z(P_sel)).
    const { anchorRows, prototypeRows } = pairRows(unitAnchors, unitPrototypes);
    const pairTangents = tf.reshape(logMapRows(anchorRows, prototypeRows), [
      anchorCount,
      prototypeCount,
      dimension,
    ]);
    const tangents = tf.matMul(tf.mul(choice, tf.expandDims(t, 2)), pairTangents);
    // Each positive's anchor, broadcast to [B, G, D] by arithmetic (tf.tile is slow, see pairRows).
    const starts = tf.add(tf.zerosLike(tangents), tf.expandDims(unitAnchors, 1));
    const positives = expMapRows(
      tf.reshape(starts, [count, dimension]) as tf.Tensor2D,
      tf.reshape(tangents, [count, dimension]) as tf.Tensor2D,
    );
    const positiveClosest = tf.reshape(
      tf.argMax(tf.matMul(positives, prototypeColumns), 1),
      perAnchor,
    ) as tf.Tensor2D;
    const keep = tf.equal(positiveClosest, tf.expandDims(anchorClosest, 1)) as tf.Tensor2D;
    return {
      positives: tf.reshape(positives, [anchorCount, positivesPerAnchor, dimension]) as tf.Tensor3D,
      t,
      tMax,
      selected,
      anchorClosest,
      positiveClosest,
      keep,
      keptCount: tf.sum(tf.cast(keep, 'int32')) as tf.Scalar,
    };
  });
}

/** Throws a RangeError unless anchors [B, D] and prototypes [P, D] agree on D and P ≥ 1. */
export function checkAnchorsAndPrototypes(anchors: tf.Tensor2D, prototypes: tf.Tensor2D): void {
  const dimension = anchors.shape[1];
  if (prototypes.shape[1] !== dimension) {
    throw new RangeError(
      `anchors have dimension ${dimension} but prototypes have dimension ${prototypes.shape[1]}`,
    );
  }
  if (prototypes.shape[0] === 0) throw new RangeError('hallucinateTensor needs at least one prototype');
}

/**
 * cos(z_b, P_j) as the [B, P] table z · Pᵀ of unit rows, with the prototypes given as columns
 * [D, P]; shared by the synchronous and asynchronous forms so that both draw from bit-equal tables.
 */
export function cosineSimilarities(unitAnchors: tf.Tensor2D, prototypeColumns: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(unitAnchors, prototypeColumns) as tf.Tensor2D;
}
