// @halp/evaluation/node: evaluation helpers that write files (Node only).

export { saveFeatures } from './save-features.js';
