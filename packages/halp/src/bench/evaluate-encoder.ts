import type { BiGruEncoder } from '@halp/encoders';
import { accuracy, extractFeatures, knnPredict, linearEvaluation, semiSupervised } from '@halp/evaluation';
import type { Matrix } from '@halp/hypersphere';
import { createRandom, forkRandom } from '@halp/random';
import { kinect25, type SkeletonDataset } from '@halp/skeleton';
import type { BenchPreset } from './presets.js';

export interface EncoderEvaluation {
  /** Protocol (`linear`, `knn`, `semi10`) → top-1 accuracy in [0, 1] on the held-out split. */
  readonly top1: Readonly<Record<string, number>>;
  /** Held-out features (for the 2-D projection figure). */
  readonly heldOutFeatures: Matrix;
  readonly heldOutLabels: Int32Array;
}

/**
 * Evaluates an encoder with the benchmark's protocols on the held-out split: linear evaluation
 * (frozen encoder), 1-NN on cosine similarity of the features, and semi-supervised fine-tuning of a
 * copy with a class-balanced fraction of the labels. Every draw comes from the seed.
 */
export async function evaluateEncoder(
  encoder: BiGruEncoder,
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  preset: BenchPreset,
  seed: number,
  log: (line: string) => void,
): Promise<EncoderEvaluation> {
  const frames = (preset.pretrain.frames as number | undefined) ?? 64;
  const input = { layout: kinect25, modality: 'joint' as const, frames };
  const random = forkRandom(createRandom(seed), 'evaluation');
  const { evaluation } = preset;
  const trainFeatures = await extractFeatures(encoder, train, input);
  const heldOutFeatures = await extractFeatures(encoder, heldOut, input);
  const trainLabels = labelsOf(train);
  const heldOutLabels = labelsOf(heldOut);
  const top1: Record<string, number> = {};
  const linear = await linearEvaluation(encoder, train, heldOut, {
    ...input,
    random: forkRandom(random, 'linear'),
    epochs: evaluation.linearEpochs,
    milestones: evaluation.linearMilestones,
    learningRate: evaluation.linearLearningRate,
  });
  top1.linear = linear.top1;
  top1.knn = accuracy(knnPredict(trainFeatures, trainLabels, heldOutFeatures, 1), heldOutLabels);
  if (evaluation.semiEpochs > 0) {
    const semi = await semiSupervised(encoder, train, heldOut, {
      ...input,
      random: forkRandom(random, 'semi'),
      fraction: evaluation.semiFraction,
      epochs: evaluation.semiEpochs,
      learningRate: evaluation.semiLearningRate,
    });
    top1[`semi${Math.round(evaluation.semiFraction * 100)}`] = semi.top1;
  }
  log(
    `  ${Object.entries(top1)
      .map(([name, value]) => `${name} ${(100 * value).toFixed(1)}%`)
      .join(', ')}`,
  );
  return { top1, heldOutFeatures, heldOutLabels };
}

function labelsOf(dataset: SkeletonDataset): Int32Array {
  return Int32Array.from({ length: dataset.length }, (_, i) => dataset.label(i));
}
