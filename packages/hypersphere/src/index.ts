// @halp/hypersphere: geometry on the unit hypersphere in plain arrays (no tfjs); the batched tfjs
// form lives in the `@halp/hypersphere/tensor` subpath.

export type { FrechetMeanOptions } from './frechet-mean.js';
export { frechetMean } from './frechet-mean.js';
export { geodesicAngle } from './geodesic-angle.js';
export type { Matrix } from './matrix.js';
export { matrix, matrixFromRows, matrixRow } from './matrix.js';
export { norm } from './norm.js';
export { normalize } from './normalize.js';
export { randomUnitVectors } from './random-unit-vectors.js';
export { expMap, logMap } from './riemannian-maps.js';
export { geodesicStep, slerp } from './slerp.js';
export type { Vector } from './vector.js';
export { dot } from './vector.js';
