// @halp/trainer/node: pretraining with checkpoint folders and JSONL metrics on disk (Node only). The
// root entry keeps the training step, state and config, which also run in the browser.

export { type CheckpointError, readCheckpoint, writeCheckpoint } from './checkpoint-file.js';
export { jsonlMetricsSink } from './jsonl-metrics-sink.js';
export { pretrain } from './pretrain.js';
