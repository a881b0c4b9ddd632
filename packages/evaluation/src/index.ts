// @halp/evaluation: evaluation protocols for frozen skeleton encoders.
export { accuracy, knnPredict } from './knn.js';
export { type FeatureExtractionOptions, extractFeatures } from './extract-features.js';
export { knnMonitor } from './knn-monitor.js';
