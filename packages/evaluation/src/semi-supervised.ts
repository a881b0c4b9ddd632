import {
  type BatchMoments,
  disposeEncoder,
  type Encoder,
  encode,
  featureSize,
  foldBatchMoments,
  namedVariables,
} from '@halp/encoders';
import { forkRandom } from '@halp/random';
import {
  balancedSubset,
  createBatcher,
  datasetLabels,
  type SkeletonDataset,
  subsetDataset,
} from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import { classCount } from './class-count.js';
import { type ClassifierSchedule, resolveSchedule } from './classifier-schedule.js';
import { classifyDataset } from './classify-dataset.js';
import { copyEncoder } from './copy-encoder.js';
import { encoderBatch, trainingClip } from './encoder-input.js';
import { classifierLoss, disposeLinearClassifier, initLinearClassifier } from './linear-classifier.js';
import type { ClassificationProtocolOptions, ClassificationResult } from './linear-evaluation.js';
import { type TrainingBatch, trainWithSgd } from './train-with-sgd.js';

export interface SemiSupervisedOptions extends ClassificationProtocolOptions {
  /** Fraction of the training split whose labels are used: 0.01 and 0.1 in the papers. */
  readonly fraction: number;
}

export interface SemiSupervisedResult extends ClassificationResult {
  /** Indices (into the training split, sorted) of the samples whose labels were used. */
  readonly labelled: Int32Array;
}

/**
 * Fine-tuning schedule for the semi-supervised protocol. HaLP's repository ships no semi-supervised
 * script, so this is this package's choice: the linear-evaluation shape (80 epochs, ×0.1 at 50 and
 * 70, momentum 0.9, batches of 256) with lr 0.1, low enough not to wreck the pretrained GRU weights
 * that now train too.
 */
export const SEMI_SUPERVISED_SCHEDULE: ClassifierSchedule = {
  epochs: 80,
  learningRate: 0.1,
  milestones: [50, 70],
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 256,
};

/**
 * Semi-supervised evaluation (docs/method.md §7): keep a class-balanced `fraction` of the training
 * labels (seeded by `random`; every class keeps max(1, round(fraction · n_c)) samples), fine-tune a
 * copy of the encoder together with a fresh linear classifier on them, then score the test split.
 *
 * What trains: every trainable variable of the encoder that produces the feature (for the BiGRU:
 * input BatchNorm scale and shift, all GRU layers; for any kind: all but the `head/…` variables) and
 * the classifier; the contrastive projection head is not used
 * by classification and stays as it is. BatchNorm uses batch statistics during fine-tuning and folds
 * them into its running statistics, which the test split then uses. Training clips are randomly
 * cropped (50–100 %) as in the references' downstream training feeder; test clips centre-cropped.
 *
 * Works with every encoder kind. The given encoder is never modified: the copy has its own
 * variables, starting at the encoder's values, and is freed at the end.
 */
export async function semiSupervised(
  encoder: Encoder,
  train: SkeletonDataset,
  test: SkeletonDataset,
  options: SemiSupervisedOptions,
): Promise<SemiSupervisedResult> {
  const { fraction, random, onEpoch } = options;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`semiSupervised: fraction must be in (0, 1], got ${fraction}`);
  }
  if (train.length === 0) throw new RangeError('semiSupervised: the training split is empty');
  const schedule = resolveSchedule('semiSupervised', SEMI_SUPERVISED_SCHEDULE, options);
  const trainLabels = datasetLabels(train);
  const classes = options.classes ?? classCount(trainLabels, datasetLabels(test));
  const labelled = balancedSubset(trainLabels, fraction, forkRandom(random, 'labelled subset'));
  const classifier = initLinearClassifier(
    featureSize(encoder.config),
    classes,
    forkRandom(random, 'classifier'),
  );
  const copy = copyEncoder(encoder);
  try {
    const featureVariables = namedVariables(copy)
      .filter(({ name, trainable }) => trainable && !name.startsWith('head/'))
      .map(({ variable }) => variable);
    const batcher = createBatcher(subsetDataset(train, labelled), {
      batchSize: schedule.batchSize,
      random: forkRandom(random, 'batches'),
      transform: (sample, sampleRandom) =>
        trainingClip(sample.clip, sample.validFrames, sampleRandom, options),
    });
    const fineTuningBatches = async function* (epoch: number): AsyncGenerator<TrainingBatch> {
      for await (const batch of batcher.epoch(epoch)) {
        const clips = encoderBatch(copy, batch.items);
        const labels = tf.tensor1d(batch.labels, 'int32');
        // The BatchNorms' batch moments of the training forward, folded once the step is taken.
        const moments: BatchMoments[] = [];
        yield {
          size: batch.labels.length,
          loss: () =>
            classifierLoss(classifier, encode(copy, clips, { training: true, moments }).features, labels),
          afterStep: () => foldBatchMoments(moments),
          tensors: [clips, labels],
        };
      }
    };
    const history = await trainWithSgd(
      [...featureVariables, classifier.kernel, classifier.bias],
      schedule,
      fineTuningBatches,
      onEpoch,
    );
    const extraction = { ...options, batchSize: options.extractionBatchSize ?? 64 };
    return { ...(await classifyDataset(copy, classifier, test, extraction)), history, labelled };
  } finally {
    disposeLinearClassifier(classifier);
    disposeEncoder(copy);
  }
}
