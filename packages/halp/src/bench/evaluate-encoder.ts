import type { BiGruEncoder } from '@halp/encoders';
import { accuracy, extractFeatures, knnPredict } from '@halp/evaluation';
import type { Matrix } from '@halp/hypersphere';
import { kinect25, type SkeletonDataset } from '@halp/skeleton';
import type { BenchPreset } from './presets.js';

export interface EncoderEvaluation {
  /** Protocol → top-1 accuracy in [0, 1]. */
  readonly top1: Readonly<Record<string, number>>;
  /** Held-out features (for the 2-D projection figure). */
  readonly heldOutFeatures: Matrix;
  readonly heldOutLabels: Int32Array;
}

/** Evaluates a frozen encoder with the benchmark's protocols on the held-out split. */
export async function evaluateEncoder(
  encoder: BiGruEncoder,
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  preset: BenchPreset,
  _seed: number,
  log: (line: string) => void,
): Promise<EncoderEvaluation> {
  const frames = (preset.pretrain.frames as number | undefined) ?? 64;
  const options = { layout: kinect25, modality: 'joint' as const, frames };
  const trainFeatures = await extractFeatures(encoder, train, options);
  const heldOutFeatures = await extractFeatures(encoder, heldOut, options);
  const trainLabels = labelsOf(train);
  const heldOutLabels = labelsOf(heldOut);
  const top1: Record<string, number> = {
    knn: accuracy(knnPredict(trainFeatures, trainLabels, heldOutFeatures, 1), heldOutLabels),
  };
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
