export type { Hallucinations } from './hallucinate.js';
export { hallucinate } from './hallucinate.js';
export { halpLoss } from './halp-loss.js';
export type { KeepMask } from './keep-mask.js';
export { keepMask } from './keep-mask.js';
export type { InterpolationGeometry } from './max-interpolation.js';
export {
  ANTIPODAL_ANGLE_TOLERANCE,
  correctMaxInterpolation,
  interpolationGeometry,
  maxInterpolation,
  maxInterpolationFromGeometry,
  maxInterpolationTable,
  referenceMaxInterpolation,
} from './max-interpolation.js';
export type { HallucinationOptions, InterpolationSampling, MaxInterpolationRule } from './options.js';
export {
  DEFAULT_HALLUCINATION_OPTIONS,
  FIXED_OFFSET,
  FIXED_OFFSET_LAMBDA,
  resolveHallucinationOptions,
  usesFixedOffset,
} from './options.js';
export {
  candidatePool,
  closestIndex,
  closestPrototypes,
  rankByDecreasingSimilarity,
  similarityMatrix,
} from './prototype-selection.js';
export type { HallucinationDraws } from './sampling.js';
export { checkDraws, drawHallucinations, interpolationFromDraw } from './sampling.js';
