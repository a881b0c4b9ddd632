export type { EncoderTopology } from './artifacts.js';
export {
  ENCODER_FORMAT,
  ENCODER_FORMAT_VERSION,
  encoderArtifacts,
  encoderFromArtifacts,
} from './artifacts.js';
export type { RunningStatistics } from './batch-norm.js';
export {
  BATCH_NORM_EPSILON,
  BATCH_NORM_MOMENTUM,
  batchNorm,
  nextRunningStatistics,
  updateRunningStatistics,
} from './batch-norm.js';
export type { BiGruLayerWeights, GruDirectionWeights } from './bigru-layer.js';
export { biGruLayer } from './bigru-layer.js';
export type { BiGruEncoderConfig, ConfigProblem, GruStepping, HeadKind } from './config.js';
export { configProblems, REFERENCE_BIGRU_CONFIG } from './config.js';
export type { EncodeOptions, Encoding } from './encode.js';
export { encode } from './encode.js';
export type {
  BatchNormVariables,
  BiGruEncoder,
  HeadVariables,
  LinearHeadVariables,
  MlpHeadVariables,
  NamedVariable,
} from './encoder.js';
export { disposeEncoder, namedVariables, trainableVariables } from './encoder.js';
export type { EncoderFileError } from './errors.js';
export { applyHead } from './head.js';
export { initBiGruEncoder } from './init.js';
export type { VariableInit, VariableSpec } from './layout.js';
export { encoderVariableSpecs, xavierBound } from './layout.js';
export { loadEncoder, saveEncoder } from './save-load.js';
