// @halp/hypersphere/tensor: the batched tfjs form of the sphere geometry, over [B, D] tensors of row
// vectors. Imports @tensorflow/tfjs-core (an optional peer dependency); the root entry does not.
export { geodesicAngleRows } from './geodesic-angle-rows.js';
export type { Interpolation } from './interpolation.js';
export { normalizeRows } from './normalize-rows.js';
export { expMapRows, logMapRows } from './riemannian-maps-rows.js';
export { rowDot } from './row-dot.js';
export { geodesicStepRows, slerpRows } from './slerp-rows.js';
