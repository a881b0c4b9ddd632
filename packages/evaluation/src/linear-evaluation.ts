import { type Encoder, encode, featureSize } from '@halp/encoders';
import { forkRandom, type Random } from '@halp/random';
import { createBatcher, datasetLabels, type SkeletonDataset } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import { classCount } from './class-count.js';
import {
  type ClassifierSchedule,
  LINEAR_EVALUATION_SCHEDULE,
  resolveSchedule,
} from './classifier-schedule.js';
import { classifyDataset, type ScoredClassification } from './classify-dataset.js';
import { type EncoderInputOptions, encoderBatch, trainingClip } from './encoder-input.js';
import { extractFeatures } from './extract-features.js';
import {
  classifierLoss,
  disposeLinearClassifier,
  initLinearClassifier,
  type LinearClassifier,
} from './linear-classifier.js';
import { trainLinearProbe } from './linear-probe.js';
import { type EpochRecord, type TrainingBatch, trainWithSgd } from './train-with-sgd.js';

export interface ClassificationProtocolOptions extends EncoderInputOptions, Partial<ClassifierSchedule> {
  /** Draws the classifier's initial weights, the batch order and the crops. Not advanced. */
  readonly random: Random;
  /** Number of classes K (default: one more than the largest label of either split). */
  readonly classes?: number;
  /** Clips per forward pass when extracting features (default 64). */
  readonly extractionBatchSize?: number;
  readonly onEpoch?: (record: EpochRecord) => void;
  /** Progress of feature extraction: (clips done, total) per split. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LinearEvaluationOptions extends ClassificationProtocolOptions {
  /**
   * false (default): features of the centre-cropped training clips are computed once and the
   * classifier trains on them; epochs then cost a matrix product, not an encoder pass.
   * true: the references' protocol: every epoch sees a fresh random crop (50–100 % of the valid
   * frames) of every training clip, so the frozen encoder runs on every batch.
   */
  readonly augment?: boolean;
}

/** Test-split metrics and scores plus the training history. */
export interface ClassificationResult extends ScoredClassification {
  readonly history: EpochRecord[];
}

/**
 * Linear evaluation (docs/method.md §7): the encoder stays frozen (BatchNorm on running statistics,
 * no variable changes, as the references' `model.eval()` with `requires_grad = False`), and a
 * linear layer on its features (`featureSize(encoder.config)` wide: the BiGRU's 2H-wide last-frame
 * output) is trained with softmax cross-entropy and SGD:
 * by default the references' 80 epochs, lr 30 ×0.1 at epochs 50 and 70, momentum 0.9, no weight
 * decay, batches of 256. The test split is scored on centre crops.
 *
 * Transfer evaluation is this function with an encoder pretrained on another dataset (e.g. NTU-60
 * → PKU-MMD II): the skeleton layout must match the encoder's input width. Works with every encoder
 * kind; clips are batched in the layout the encoder takes (`encoderInput`).
 */
export async function linearEvaluation(
  encoder: Encoder,
  train: SkeletonDataset,
  test: SkeletonDataset,
  options: LinearEvaluationOptions,
): Promise<ClassificationResult> {
  const { random, augment = false, onEpoch } = options;
  const schedule = resolveSchedule('linearEvaluation', LINEAR_EVALUATION_SCHEDULE, options);
  if (train.length === 0) throw new RangeError('linearEvaluation: the training split is empty');
  const trainLabels = datasetLabels(train);
  const classes = options.classes ?? classCount(trainLabels, datasetLabels(test));
  const extraction = {
    ...options,
    batchSize: options.extractionBatchSize ?? 64,
  };
  let classifier: LinearClassifier;
  let history: EpochRecord[];
  if (augment) {
    classifier = initLinearClassifier(featureSize(encoder.config), classes, forkRandom(random, 'classifier'));
    const batcher = createBatcher(train, {
      batchSize: schedule.batchSize,
      random: forkRandom(random, 'batches'),
      transform: (sample, sampleRandom) =>
        trainingClip(sample.clip, sample.validFrames, sampleRandom, options),
    });
    const frozenFeatureBatches = async function* (epoch: number): AsyncGenerator<TrainingBatch> {
      for await (const batch of batcher.epoch(epoch)) {
        const features = tf.tidy(
          () => encode(encoder, encoderBatch(encoder, batch.items), { training: false }).features,
        );
        const labels = tf.tensor1d(batch.labels, 'int32');
        yield {
          size: batch.labels.length,
          loss: () => classifierLoss(classifier, features, labels),
          tensors: [features, labels],
        };
      }
    };
    try {
      history = await trainWithSgd(
        [classifier.kernel, classifier.bias],
        schedule,
        frozenFeatureBatches,
        onEpoch,
      );
    } catch (error) {
      disposeLinearClassifier(classifier);
      throw error;
    }
  } else {
    const features = await extractFeatures(encoder, train, extraction);
    ({ classifier, history } = await trainLinearProbe(features, trainLabels, {
      ...schedule,
      classes,
      random,
      onEpoch,
    }));
  }
  try {
    return { ...(await classifyDataset(encoder, classifier, test, extraction)), history };
  } finally {
    disposeLinearClassifier(classifier);
  }
}
