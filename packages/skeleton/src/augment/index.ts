export type { ClipAugmentation, SampleAugmentation } from './augmentation.js';
export { afterCrop, oneOf, pipeline, withProbability } from './compose.js';
export { gaussianNoise } from './gaussian-noise.js';
export {
  type JointCorruptionOptions,
  jointCorruption,
  referenceJointCorruption,
} from './joint-corruption.js';
export { mirror, randomMirror } from './mirror.js';
export { type Matrix3, multiply3, transformPoints, transpose3 } from './point-transform.js';
export { bodyPresence } from './presence.js';
export { type LinearResamplePlan, linearResamplePlan, resampleFrames } from './resample-frames.js';
export { axisRotation, randomRotation, randomRotationMatrix } from './rotation.js';
export { randomShearMatrix, shear } from './shear.js';
export { skeletonContrastView } from './skeleton-contrast-view.js';
export {
  centerCropResize,
  linearEvaluationCrop,
  pretrainingCrop,
  randomTemporalCropResize,
  type TemporalCropOptions,
  usableFrames,
} from './temporal-crop.js';
export { temporalMask } from './temporal-mask.js';
