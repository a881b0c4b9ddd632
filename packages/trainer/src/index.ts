// @halp/trainer: end-to-end contrastive pretraining (MoCo baseline, HaLP, ISC, CMD) with a validated config,
// atomic checkpoints, exact resume, JSONL metrics and non-finite loss detection.

export type { CheckpointContents, StoredTensor } from './checkpoint-contents.js';
export {
  DEFAULT_PRETRAIN_CONFIG,
  type GraphEncoderOptions,
  type ImageEncoderOptions,
  type PretrainConfig,
  type PretrainConfigOverrides,
  REPRESENTATIONS,
  type Representation,
} from './config.js';
export { type MetricsSink, MetricsWriteError, memoryMetricsSink, nullMetricsSink } from './metrics.js';
export { type ConfigIssue, formatConfigIssues, parsePretrainConfig } from './parse-config.js';
export type {
  NonFiniteFailure,
  PretrainInputs,
  PretrainMonitor,
  PretrainProgress,
  PretrainResult,
} from './pretrain-types.js';
export {
  checkResumable,
  type ResumeMismatch,
  ResumeMismatchError,
  resumeMismatches,
} from './resume-check.js';
export { type StreamDataShape, streamEncoderConfig } from './stream-encoders.js';
export { streamsKnnMonitor } from './stream-monitor.js';
export { NonFiniteLossError, type StepLosses, type StepViews, trainStep } from './train-step.js';
export {
  type StreamCheckpoint,
  type TrainingCheckpointParts,
  trainingCheckpointContents,
} from './training-checkpoint.js';
export {
  configuredStreams,
  createTrainingState,
  disposeTrainingState,
  queryVariables,
  type RestoreMode,
  restoreTrainingState,
  type StreamState,
  snapshotTrainingState,
  type TrainingState,
} from './training-state.js';
export { contrastiveViews, inputShape, type StreamInput, stackViews, type ViewPair } from './views.js';
