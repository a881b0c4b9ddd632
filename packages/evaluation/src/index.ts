// @halp/evaluation: evaluation protocols for frozen skeleton encoders.

export {
  type EncoderStream,
  type EnsembleOptions,
  type EnsembleResult,
  linearEvaluationEnsemble,
  semiSupervisedEnsemble,
} from './classification-ensemble.js';
export {
  type ClassifierSchedule,
  LINEAR_EVALUATION_SCHEDULE,
  scheduledLearningRate,
} from './classifier-schedule.js';
export type { ScoredClassification } from './classify-dataset.js';
export {
  clipBatch,
  type EncoderInputOptions,
  encoderBatch,
  evaluationClip,
  trainingClip,
} from './encoder-input.js';
export { ensembleFeatures } from './ensemble-features.js';
export { type EnsembleCombination, ensembleScores } from './ensemble-scores.js';
export { extractFeatures, type FeatureExtractionOptions } from './extract-features.js';
export { knnPredict, knnPredictTensor } from './knn.js';
export { knnMonitor } from './knn-monitor.js';
export {
  classifierLogits,
  classifierScores,
  disposeLinearClassifier,
  initLinearClassifier,
  type LinearClassifier,
} from './linear-classifier.js';
export {
  type ClassificationProtocolOptions,
  type ClassificationResult,
  type LinearEvaluationOptions,
  linearEvaluation,
} from './linear-evaluation.js';
export { type LinearProbeOptions, type TrainedClassifier, trainLinearProbe } from './linear-probe.js';
export { accuracy } from './metrics/accuracy.js';
export { type ClassificationReport, classificationReport } from './metrics/classification-report.js';
export { type ConfusionMatrix, confusionMatrix, perClassAccuracy } from './metrics/confusion-matrix.js';
export { predictedClasses, topKAccuracy } from './metrics/top-k-accuracy.js';
export { nearestNeighbours } from './nearest-neighbours.js';
export { type NeighbourBlocks, nearestNeighboursTensor } from './nearest-neighbours-tensor.js';
export { type RetrievalResult, retrieval } from './retrieval.js';
export {
  SEMI_SUPERVISED_SCHEDULE,
  type SemiSupervisedOptions,
  type SemiSupervisedResult,
  semiSupervised,
} from './semi-supervised.js';
export type { EpochRecord } from './train-with-sgd.js';
