import * as tf from '@tensorflow/tfjs-core';

/**
 * Below this |sin Ω| the chord form's weights lose all precision (float32's sin π is ~−9e-8): the
 * pair is treated as equal (Ω < π/2) or antipodal (Ω > π/2), as `@halp/hypersphere` does.
 */
const NEGLIGIBLE_SINE = 1e-6;

/**
 * Weights of slerp(ẑ, P̂, t) = a·ẑ + b·P̂ + c·e⊥(ẑ) per positive, from t and Ω = ∠(ẑ, P̂) ([B, G]
 * each), so that the caller combines rows only once:
 *
 *   generic:           a = sin((1−t)Ω)/sin Ω,  b = sin(tΩ)/sin Ω,  c = 0
 *   Ω ≈ 0 (P̂ = ẑ):     a = 1 − t,              b = t,              c = 0  (the limit; = ẑ)
 *   Ω ≈ π (P̂ = −ẑ):    a = cos(tΩ),            b = 0,              c = sin(tΩ)
 *
 * the cases of `@halp/hypersphere`'s `slerp`. Zero rows follow its origin convention through the
 * generic case (Ω = π/2 between a zero and a nonzero row): cos(tπ/2)·ẑ towards a zero prototype,
 * sin(tπ/2)·P̂ from a zero anchor. Near-antipodal pairs that are not within rounding of π are
 * ill-conditioned in either form (the direction of travel is set by the rounding of P̂ + ẑ). Call
 * inside `tf.tidy`.
 */
export function slerpWeights(
  t: tf.Tensor2D,
  angle: tf.Tensor2D,
): { alongAnchor: tf.Tensor2D; alongPrototype: tf.Tensor2D; alongOrthogonal: tf.Tensor2D } {
  const sine = tf.sin(angle);
  const negligible = tf.lessEqual(tf.abs(sine), NEGLIGIBLE_SINE);
  const safeSine = tf.where(negligible, tf.onesLike(sine), sine);
  const travelled = tf.mul(t, angle);
  const antipodal = tf.logicalAnd(negligible, tf.greater(angle, Math.PI / 2));
  const equal = tf.logicalAnd(negligible, tf.logicalNot(antipodal));
  const zero = tf.zerosLike(t);
  const pick = (whenEqual: tf.Tensor, whenAntipodal: tf.Tensor, whenGeneric: tf.Tensor) =>
    tf.where(equal, whenEqual, tf.where(antipodal, whenAntipodal, whenGeneric)) as tf.Tensor2D;
  return {
    alongAnchor: pick(tf.sub(1, t), tf.cos(travelled), tf.div(tf.sin(tf.mul(tf.sub(1, t), angle)), safeSine)),
    alongPrototype: pick(t, zero, tf.div(tf.sin(travelled), safeSine)),
    alongOrthogonal: pick(zero, tf.sin(travelled), zero),
  };
}
