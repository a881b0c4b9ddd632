// @halp/trainer: end-to-end contrastive pretraining (MoCo baseline, HaLP) with a validated config,
// atomic checkpoints, exact resume, JSONL metrics and non-finite loss detection.

export {
  type CheckpointContents,
  type CheckpointError,
  readCheckpoint,
  type StoredTensor,
  writeCheckpoint,
} from './checkpoint-file.js';
export { DEFAULT_PRETRAIN_CONFIG, type PretrainConfig } from './config.js';
export { jsonlMetricsSink, type MetricsSink, memoryMetricsSink, nullMetricsSink } from './metrics.js';
export { type ConfigIssue, formatConfigIssues, parsePretrainConfig } from './parse-config.js';
export { type PretrainInputs, type PretrainProgress, type PretrainResult, pretrain } from './pretrain.js';
export { formatDuration, progressLine } from './progress-line.js';
export { NonFiniteLossError, type StepLosses, trainStep } from './train-step.js';
export {
  createTrainingState,
  disposeTrainingState,
  type RestoreMode,
  restoreTrainingState,
  snapshotTrainingState,
  type TrainingState,
} from './training-state.js';
export { contrastiveViews, stackViews, type ViewPair } from './views.js';
