import {
  accuracy,
  type EncoderStream,
  ensembleFeatures,
  extractFeatures,
  knnPredict,
  linearEvaluationEnsemble,
  semiSupervisedEnsemble,
} from '@halp/evaluation';
import type { Matrix } from '@halp/hypersphere';
import { createRandom, forkRandom } from '@halp/random';
import { datasetLabels, kinect25, type SkeletonDataset } from '@halp/skeleton';
import { DEFAULT_PRETRAIN_CONFIG } from '@halp/trainer';
import type { BenchPreset } from './presets.js';

export interface EncoderEvaluation {
  /** Protocol (`linear`, `knn`, `semi10`) → top-1 accuracy in [0, 1] on the held-out split. */
  readonly top1: Readonly<Record<string, number>>;
  /** Held-out features (for the 2-D projection figure). */
  readonly heldOutFeatures: Matrix;
  readonly heldOutLabels: Int32Array;
  /**
   * At most {@link TRAIN_SAMPLE_ROWS} training features, evenly spaced over the training set (drawn
   * beside the held-out ones in the projection figure; all of them would be large on NTU).
   */
  readonly trainSample: { readonly features: Matrix; readonly labels: Int32Array };
}

export interface StreamsEvaluation {
  /** Each stream alone, in order. */
  readonly streams: readonly EncoderEvaluation[];
  /** The streams together (CMD's ensemble), when asked for. */
  readonly ensemble?: EncoderEvaluation;
}

/**
 * Evaluates the query encoders of a run (one per stream, each fed clips in its modality) with the
 * benchmark's protocols on the held-out split: linear evaluation (frozen encoder), 1-NN on cosine
 * similarity of the features, and semi-supervised fine-tuning of a copy with a class-balanced
 * fraction of the labels. With `ensemble`, also CMD's ensemble of the streams: the mean of their
 * classifiers' logits (linear, semi-supervised) and 1-NN on the mean of their features (the streams
 * must then have features of one width). Every draw comes from the seed; each stream sees the same
 * draws, as it would alone.
 */
export async function evaluateStreams(
  streams: readonly EncoderStream[],
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  preset: BenchPreset,
  seed: number,
  log: (line: string) => void,
  ensemble = false,
): Promise<StreamsEvaluation> {
  const frames = preset.pretrain.frames ?? DEFAULT_PRETRAIN_CONFIG.frames;
  const input = { layout: kinect25, frames };
  const random = forkRandom(createRandom(seed), 'evaluation');
  const { evaluation } = preset;
  const trainLabels = datasetLabels(train);
  const heldOutLabels = datasetLabels(heldOut);
  const features: { train: Matrix; heldOut: Matrix }[] = [];
  for (const { encoder, modality } of streams) {
    features.push({
      train: await extractFeatures(encoder, train, { ...input, modality }),
      heldOut: await extractFeatures(encoder, heldOut, { ...input, modality }),
    });
  }
  const linear = await linearEvaluationEnsemble(streams, train, heldOut, {
    ...input,
    random: forkRandom(random, 'linear'),
    epochs: evaluation.linearEpochs,
    milestones: evaluation.linearMilestones,
    learningRate: evaluation.linearLearningRate,
  });
  const semiName = `semi${Math.round(evaluation.semiFraction * 100)}`;
  const semi =
    evaluation.semiEpochs > 0
      ? await semiSupervisedEnsemble(streams, train, heldOut, {
          ...input,
          random: forkRandom(random, 'semi'),
          fraction: evaluation.semiFraction,
          epochs: evaluation.semiEpochs,
          learningRate: evaluation.semiLearningRate,
        })
      : undefined;
  const knn = (trainFeatures: Matrix, heldOutFeatures: Matrix) =>
    accuracy(knnPredict(trainFeatures, trainLabels, heldOutFeatures, 1), heldOutLabels);
  const result = (
    top1Linear: number,
    top1Semi: number | undefined,
    own: { train: Matrix; heldOut: Matrix },
  ): EncoderEvaluation => {
    const top1: Record<string, number> = { linear: top1Linear, knn: knn(own.train, own.heldOut) };
    if (top1Semi !== undefined) top1[semiName] = top1Semi;
    log(
      `  ${Object.entries(top1)
        .map(([name, value]) => `${name} ${(100 * value).toFixed(1)}%`)
        .join(', ')}`,
    );
    return {
      top1,
      heldOutFeatures: own.heldOut,
      heldOutLabels,
      trainSample: evenlySpacedRows(own.train, trainLabels, TRAIN_SAMPLE_ROWS),
    };
  };
  const perStream = streams.map((_, i) =>
    result(linear.streams[i]!.top1, semi?.streams[i]?.top1, features[i]!),
  );
  if (!ensemble || streams.length < 2) return { streams: perStream };
  return {
    streams: perStream,
    ensemble: result(linear.ensemble.top1, semi?.ensemble.top1, {
      train: ensembleFeatures(features.map((f) => f.train)),
      heldOut: ensembleFeatures(features.map((f) => f.heldOut)),
    }),
  };
}

/** Training features kept per evaluated encoder for the report. */
export const TRAIN_SAMPLE_ROWS = 1000;

/** At most `count` rows of `features` (and their labels), at evenly spaced indices. */
function evenlySpacedRows(features: Matrix, labels: Int32Array, count: number) {
  const rows = Math.min(count, features.rows);
  const indices = Array.from({ length: rows }, (_, i) => Math.floor((i * features.rows) / rows));
  const data = new Float64Array(rows * features.columns);
  indices.forEach((row, i) => {
    data.set(
      features.data.subarray(row * features.columns, (row + 1) * features.columns),
      i * features.columns,
    );
  });
  return {
    features: { rows, columns: features.columns, data },
    labels: Int32Array.from(indices, (row) => labels[row]!),
  };
}
