import { logMapRows, normalizeRows } from '@halp/hypersphere/tensor';
import type { Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { type HallucinationOptions, resolveHallucinationOptions } from '../options.js';
import type { HallucinationDraws } from '../sampling.js';
import { maxInterpolationFromAngles } from './max-interpolation-tensor.js';
import { pairAngles } from './pairs.js';
import {
  drawTensors,
  type HallucinationDrawTensors,
  interpolationFromDrawsTensor,
} from './sampling-tensor.js';
import { slerpWeights } from './slerp-weights.js';

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
 * t* and the geodesic angle are computed once per (anchor, prototype) pair and selected per
 * positive; the per-positive work over D is a [B·G, P] × [P, D] matMul of weighted prototypes, two
 * broadcast products with per-anchor rows, and the positives' similarities to the prototypes.
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

    // Everything before the positive depends on (anchor b, P_sel = j) only: t* and the angle Ω are
    // computed for the B·P pairs and picked per positive by one-hot batched matMuls
    // ([B, G, P] × [B, P, 1]): exact, and faster than gathers on the cpu and wasm backends. The
    // positive is then a weighted sum of ẑ, P_sel and e⊥(ẑ) (see `slerpWeights`).
    const choice = tf.cast(tf.oneHot(selected, prototypeCount), 'float32') as tf.Tensor3D;
    const angles = pairAngles(unitAnchors, unitPrototypes);
    const table = maxInterpolationFromAngles(
      unitAnchors,
      unitPrototypes,
      anchorClosest,
      angles,
      settings.maxInterpolationRule,
    );
    const pick = (perPair: tf.Tensor2D) =>
      tf.squeeze(tf.matMul(choice, tf.expandDims(perPair, 2)), [2]) as tf.Tensor2D;
    const tMax = pick(table);
    const t = interpolationFromDrawsTensor(tf.reshape(draws.u, perAnchor), tMax, settings) as tf.Tensor2D;
    const { alongAnchor, alongPrototype, alongOrthogonal } = slerpWeights(t, pick(angles));
    // The per-positive work over D: the weighted prototypes as one plain matMul ([B·G, P] × [P, D];
    // the wasm backend runs batched matMuls several times slower per FLOP) and two broadcast
    // products with per-anchor rows.
    const weightedChoice = tf.reshape(tf.mul(choice, tf.expandDims(alongPrototype, 2)), [
      count,
      prototypeCount,
    ]);
    const prototypePart = tf.reshape(tf.matMul(weightedChoice, unitPrototypes), [
      anchorCount,
      positivesPerAnchor,
      dimension,
    ]);
    // e⊥(ẑ) = log_ẑ(−ẑ)/π, the direction the array form takes from an anchor to its antipode.
    const orthogonal = tf.div(logMapRows(unitAnchors, tf.neg(unitAnchors)), Math.PI);
    const anchorPart = tf.add(
      tf.mul(tf.expandDims(alongAnchor, 2), tf.expandDims(unitAnchors, 1)),
      tf.mul(tf.expandDims(alongOrthogonal, 2), tf.expandDims(orthogonal, 1)),
    );
    const positives = tf.reshape(tf.add(anchorPart, prototypePart), [count, dimension]) as tf.Tensor2D;
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
