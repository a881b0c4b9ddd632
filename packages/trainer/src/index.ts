// @halp/trainer: end-to-end contrastive pretraining (MoCo baseline, HaLP) with a validated config,
// atomic checkpoints, exact resume, JSONL metrics and non-finite loss detection.
export { DEFAULT_PRETRAIN_CONFIG, type PretrainConfig } from './config.js';
export { type ConfigIssue, formatConfigIssues, parsePretrainConfig } from './parse-config.js';
export { Sgd, type SgdOptions } from './sgd.js';
export { stepLearningRate } from './learning-rate.js';
export {
  type CheckpointContents,
  type CheckpointError,
  type StoredTensor,
  readCheckpoint,
  writeCheckpoint,
} from './checkpoint-file.js';
export {
  type RestoreMode,
  type TrainingState,
  createTrainingState,
  disposeTrainingState,
  restoreTrainingState,
  snapshotTrainingState,
} from './training-state.js';
export { NonFiniteLossError, type StepLosses, trainStep } from './train-step.js';
export { type ViewPair, contrastiveViews, stackViews } from './views.js';
export { type MetricsSink, jsonlMetricsSink, memoryMetricsSink, nullMetricsSink } from './metrics.js';
export { type PretrainInputs, type PretrainProgress, type PretrainResult, pretrain } from './pretrain.js';
export { formatDuration, progressLine } from './progress-line.js';
