// @halp/skeleton: skeleton data — layouts, readers and writers for the files users have (NTU, PKU,
// NumPy .npy, pickle), the references' preprocessing, augmentations, modalities, datasets and a
// synthetic action dataset. This index is the public API, listed on purpose; the helpers behind it
// (pickle opcodes, dtype tables, body-model internals, rotation algebra) stay inside.

// Augmentations and their composition.
export type {
  ClipAugmentation,
  JointCorruptionOptions,
  SampleAugmentation,
  TemporalCropOptions,
} from './augment/index.js';
export {
  afterCrop,
  centerCropResize,
  gaussianNoise,
  jointCorruption,
  linearEvaluationCrop,
  mirror,
  oneOf,
  pipeline,
  pretrainingCrop,
  randomMirror,
  randomRotation,
  randomTemporalCropResize,
  referenceJointCorruption,
  shear,
  skeletonContrastView,
  temporalMask,
  usableFrames,
  withProbability,
} from './augment/index.js';
// Clips and layouts.
export type { Clip, ClipShape } from './clip.js';
export { clipIndex } from './clip.js';
// Datasets and batches.
export type {
  Batch,
  Batcher,
  BatcherOptions,
  Part,
  ProcessedArrays,
  Sample,
  SampleTransform,
  SkeletonDataset,
} from './dataset/index.js';
export {
  balancedSubset,
  clipPosition,
  createBatcher,
  datasetLabels,
  firstNonFinite,
  inMemoryDataset,
  randomSubset,
  subsetDataset,
} from './dataset/index.js';
// Files: NumPy .npy, pickled labels, typed errors.
// Pickles read through an allow-list policy (label files; other readers such as
// @halp/torch-checkpoint bring their own globals).
export type {
  CallFailure,
  DataFileError,
  DataFormat,
  EncodeNpyOptions,
  GlobalCall,
  LabelFile,
  NdArray,
  PickleDict,
  PickleExtension,
  PickleGlobal,
  PickleKey,
  PickleRead,
  PickleTuple,
  PickleValue,
  UnpicklePolicy,
} from './io/index.js';
export {
  callFailure,
  DataFileException,
  dataFileError,
  decodeLabelPickle,
  decodeNpy,
  encodeLabelPickle,
  encodeNpy,
  isKind,
  isPickleKey,
  LABEL_PICKLE_POLICY,
  NUMPY_SCALAR_GLOBALS,
  ndArray,
  toSafeIntegers,
  unpickle,
  unpickleAt,
} from './io/index.js';
export type { LayoutError, SkeletonLayout } from './layouts/index.js';
export { blazePose33, coco17, jointCount, kinect25, validateLayout } from './layouts/index.js';
// Modalities and encoder inputs.
export type { Modality } from './modalities/index.js';
export {
  bone,
  fromGrid,
  fromSequence,
  modalities,
  motion,
  sequenceWidth,
  toGrid,
  toModality,
  toSequence,
} from './modalities/index.js';
// The references' preprocessing (`halp prepare`).
export type { NtuSplit, PkuSplit, SelectMainBodiesOptions, Split } from './prepare/index.js';
export {
  alignHorizontalBone,
  alignVerticalBone,
  centerOnJoint,
  ntu60XSub,
  ntu60XView,
  ntu120XSet,
  ntu120XSub,
  padEmptyFrames,
  pkuXSub,
  pkuXView,
  preNormalize,
  selectMainBodies,
  tracksToClip,
} from './prepare/index.js';
// Raw recordings: NTU .skeleton files, PKU-MMD skeletons and labels, split lists.
export type {
  NtuSampleId,
  PkuActionInstance,
  PkuSkeleton,
  RawBody,
  RawFrame,
  RawSequence,
} from './raw/index.js';
export {
  parseMissingSkeletonList,
  parseNtuSampleName,
  parseNtuSkeleton,
  parsePkuLabels,
  parsePkuSkeleton,
  parseSplitList,
} from './raw/index.js';

// The synthetic action dataset.
export type {
  ActionDefinition,
  SplitIndices,
  SyntheticBenchmark,
  SyntheticDataset,
  SyntheticOptions,
} from './synthetic/index.js';
export { generateSyntheticDataset, syntheticActions, syntheticSplit } from './synthetic/index.js';
