import * as tf from '@tensorflow/tfjs-core';
import { ANTIPODAL_ANGLE_TOLERANCE, REFERENCE_EPSILON } from '../max-interpolation.js';
import type { MaxInterpolationRule } from '../options.js';
import { pairAngles } from './pairs.js';

/**
 * Batched `maxInterpolationTable`: t* for every anchor b (row of `anchors`, unit) and every prototype
 * j as P_sel, with P* = `prototypes[anchorClosest[b]]` (unit rows), as a [B, P] tensor. Same
 * geometry, closed form and degenerate cases as `interpolationGeometry` and `correctMaxInterpolation`
 * / `referenceMaxInterpolation`, evaluated with `tf.where` so that every branch is finite.
 */
export function maxInterpolationTableTensor(
  anchors: tf.Tensor2D,
  prototypes: tf.Tensor2D,
  anchorClosest: tf.Tensor1D,
  rule: MaxInterpolationRule,
): tf.Tensor2D {
  return tf.tidy(() =>
    maxInterpolationFromAngles(anchors, prototypes, anchorClosest, pairAngles(anchors, prototypes), rule),
  );
}

/**
 * {@link maxInterpolationTableTensor} given the pair angles (`pairAngles`), for callers that need
 * them too. Call inside `tf.tidy`.
 */
export function maxInterpolationFromAngles(
  anchors: tf.Tensor2D,
  prototypes: tf.Tensor2D,
  anchorClosest: tf.Tensor1D,
  angle: tf.Tensor2D,
  rule: MaxInterpolationRule,
): tf.Tensor2D {
  // d = P* − P_j per (anchor, prototype) pair, [B, P, D]; h = ‖d‖²/2 is exactly 0 for duplicates.
  const closestRows = tf.gather(prototypes, anchorClosest);
  const gaps = tf.sub(tf.expandDims(closestRows, 1), tf.expandDims(prototypes, 0));
  const gap = tf.mul(tf.sum(tf.square(gaps), 2), 0.5) as tf.Tensor2D;
  // a = (z − P*)·d + h, as in `interpolationGeometry` (no subtraction of two cosines near 1).
  const offset = tf.expandDims(tf.sub(anchors, closestRows), 1);
  const margin = tf.add(tf.sum(tf.mul(offset, gaps), 2), gap) as tf.Tensor2D;
  return rule === 'correct' ? correctRule(margin, gap, angle) : referenceRule(margin, gap, angle);
}

/** `correctMaxInterpolation` element-wise; the `where`s apply its cases, the first case outermost. */
function correctRule(margin: tf.Tensor2D, gap: tf.Tensor2D, angle: tf.Tensor2D): tf.Tensor2D {
  const crossing = tf.atan2(tf.mul(margin, tf.sin(angle)), tf.add(gap, tf.mul(margin, tf.cos(angle))));
  const positiveAngle = tf.greater(angle, 0);
  const generic = tf.minimum(1, tf.div(crossing, tf.where(positiveAngle, angle, tf.onesLike(angle))));
  const zero = tf.zerosLike(angle);
  const one = tf.onesLike(angle);
  const antipodal = tf.greaterEqual(angle, Math.PI - ANTIPODAL_ANGLE_TOLERANCE);
  const regular = tf.where(positiveAngle, generic, one);
  const notAntipodal = tf.where(antipodal, zero, regular);
  const leading = tf.where(tf.lessEqual(margin, 0), zero, notAntipodal);
  return tf.where(tf.equal(gap, 0), one, leading) as tf.Tensor2D;
}

/** `referenceMaxInterpolation` element-wise. */
function referenceRule(margin: tf.Tensor2D, gap: tf.Tensor2D, angle: tf.Tensor2D): tf.Tensor2D {
  const kappa = tf.div(gap, tf.add(margin, REFERENCE_EPSILON));
  const value = tf.div(
    tf.atan(tf.div(tf.sin(angle), tf.add(tf.add(kappa, tf.cos(angle)), REFERENCE_EPSILON))),
    tf.add(angle, REFERENCE_EPSILON),
  );
  return tf.where(tf.isFinite(value), value, tf.zerosLike(value)) as tf.Tensor2D;
}
