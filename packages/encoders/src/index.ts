export type { EncoderTopology } from './artifacts.js';
export {
  ENCODER_FORMAT,
  ENCODER_FORMAT_VERSION,
  encoderArtifacts,
  encoderFromArtifacts,
} from './artifacts.js';
export type { BatchMoments, RunningStatistics } from './batch-norm.js';
export {
  BATCH_NORM_EPSILON,
  BATCH_NORM_MOMENTUM,
  batchNorm,
  disposeBatchMoments,
  foldBatchMoments,
  foldRunningStatistics,
  nextRunningStatistics,
} from './batch-norm.js';
export { assembleBatchNorm, batchNormVariableSpecs } from './batch-norm-variables.js';
export type { ConfigProblem } from './config-problems.js';
export type { EncoderInput, EncoderKind, EncoderModel } from './encoder-kind.js';
export type { Encoder, EncoderConfig, EncoderFor } from './encoder-kinds.js';
export {
  assembleEncoder,
  configProblems,
  disposeEncoder,
  ENCODER_KIND_NAMES,
  encode,
  encoderInput,
  encoderVariableSpecs,
  featureSize,
  namedVariables,
  trainableVariables,
  updateRunningStatistics,
} from './encoder-kinds.js';
export type { EncodeOptions, Encoding } from './encoding.js';
export type { EncoderFileError } from './errors.js';
export type {
  AdaptiveAdjacencyVariables,
  GraphBlockSizes,
  GraphBlockVariables,
  GraphConvVariables,
  GraphEncoder,
  GraphEncoderConfig,
  GraphResidual,
  NormalisedConvVariables,
  PointwiseConvVariables,
} from './graph/graph-encoder.js';
export { REFERENCE_GRAPH_ENCODER_SIZES } from './graph/graph-encoder.js';
export { graphEncoderKind } from './graph/graph-kind.js';
export { PARTITION_SUBSETS, spatialPartition } from './graph/spatial-partition.js';
export type { HeadKind } from './head.js';
export { applyHead, assembleHead, headVariableSpecs } from './head.js';
export type {
  ConvolutionVariables,
  ImageEncoder,
  ImageEncoderConfig,
  ImageEncoderSizes,
  ImageStreamVariables,
} from './image/image-encoder.js';
export { REFERENCE_IMAGE_ENCODER_SIZES } from './image/image-encoder.js';
export { imageEncoderKind } from './image/image-kind.js';
export { initEncoder } from './init.js';
export { loadEncoder, saveEncoder } from './save-load.js';
export type { BiGruEncoderConfig, GruStepping } from './sequence/bigru-config.js';
export { REFERENCE_BIGRU_CONFIG } from './sequence/bigru-config.js';
export type { BiGruEncoder } from './sequence/bigru-encoder.js';
export { biGruKind } from './sequence/bigru-kind.js';
export type { BiGruLayerWeights, GruDirectionWeights } from './sequence/bigru-layer.js';
export { biGruLayer } from './sequence/bigru-layer.js';
export type { VariableInit, VariableSpec } from './variable-spec.js';
export { xavierBound } from './variable-spec.js';
export type {
  BatchNormVariables,
  HeadVariables,
  LinearHeadVariables,
  MlpHeadVariables,
  NamedVariable,
} from './variables.js';
