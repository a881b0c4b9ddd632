// @halp/trainer/node: pretraining with checkpoint folders and JSONL metrics on disk (Node only). The
// root entry keeps the training step, state and config, which also run in the browser.

export {
  type CheckpointError,
  CheckpointWriteError,
  firstNonFiniteTensor,
  LATEST,
  NonFiniteCheckpointError,
  pointLatest,
  readCheckpoint,
  removeCheckpointLeftovers,
  writeCheckpoint,
} from './checkpoint-file.js';
export { type CheckpointFileSystem, nodeCheckpointFileSystem } from './checkpoint-file-system.js';
export { jsonlMetricsSink } from './jsonl-metrics-sink.js';
export { pretrain } from './pretrain.js';
export {
  claimRunFolder,
  RUN_LOCK,
  type RunFolderClaim,
  RunFolderError,
  type RunFolderMode,
} from './run-folder.js';
