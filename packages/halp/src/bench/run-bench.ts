import { join } from 'node:path';
import { builtInMethods } from '@halp/contrastive';
import type { BiGruEncoder } from '@halp/encoders';
import { knnMonitor } from '@halp/evaluation';
import { kinect25, type SkeletonDataset } from '@halp/skeleton';
import {
  disposeTrainingState,
  formatConfigIssues,
  memoryMetricsSink,
  type PretrainConfig,
  type PretrainResult,
  parsePretrainConfig,
  pretrain,
} from '@halp/trainer';
import * as E from 'fp-ts/lib/Either.js';
import { type EncoderEvaluation, evaluateEncoder } from './evaluate-encoder.js';
import type { BenchPreset } from './presets.js';

/** The two methods the benchmark compares, as the paper does. */
export type BenchMethod = 'baseline' | 'halp';

export interface BenchRun {
  readonly seed: number;
  readonly method: BenchMethod;
  /** Protocol name → top-1 accuracy in [0, 1]. */
  readonly protocols: Readonly<Record<string, number>>;
  /** Mean training loss of every epoch, baseline phase included. */
  readonly epochLosses: readonly number[];
  /** Mean InfoNCE term L_CL of every epoch (comparable between the methods). */
  readonly contrastiveLosses: readonly number[];
  /** [epoch, kNN top-1] from the monitor, baseline phase included. */
  readonly knnCurve: readonly (readonly [number, number])[];
  readonly pretrainSeconds: number;
  readonly evaluation: EncoderEvaluation;
}

export interface BenchInputs {
  /** Pretraining clips (their labels are used only by the kNN monitor and the evaluation). */
  readonly train: SkeletonDataset;
  readonly heldOut: SkeletonDataset;
  /**
   * Where the protocols fit and score, when it is another dataset (transfer: pretrain on NTU,
   * evaluate on PKU-MMD II); by default `train` and `heldOut`.
   */
  readonly evaluation?: { readonly train: SkeletonDataset; readonly heldOut: SkeletonDataset };
  /** Folder for the runs' checkpoints and metrics. */
  readonly workDirectory: string;
  readonly backend: string;
  readonly log: (line: string) => void;
  /** Called with the query encoder of each finished run, before it is disposed (figures). */
  readonly onEncoder?: (run: { seed: number; method: BenchMethod }, encoder: BiGruEncoder) => Promise<void>;
}

/**
 * Runs a preset: for every seed, the baseline for `baselineEpochs`, then from that checkpoint the
 * baseline and HaLP for `continueEpochs` more each, and evaluates both encoders with every
 * protocol. Runs one after another; each is deterministic in its seed.
 */
export async function runBench(preset: BenchPreset, inputs: BenchInputs): Promise<BenchRun[]> {
  const runs: BenchRun[] = [];
  const totalEpochs = preset.baselineEpochs + preset.continueEpochs;
  for (const seed of preset.seeds) {
    const directory = join(inputs.workDirectory, `seed-${seed}`);
    const base = configFor(preset, seed, 'moco', preset.baselineEpochs, join(directory, 'baseline'));
    inputs.log(`seed ${seed}: baseline, epochs 1–${preset.baselineEpochs}`);
    const warmup = await timed(() => pretrainRun(base, inputs, {}));
    const warmupCheckpoint = warmup.result.lastCheckpoint!;
    disposeTrainingState(warmup.result.state);

    for (const method of ['baseline', 'halp'] as const) {
      inputs.log(`seed ${seed}: ${method}, epochs ${preset.baselineEpochs + 1}–${totalEpochs}`);
      const config = configFor(
        preset,
        seed,
        method === 'baseline' ? 'moco' : 'halp',
        totalEpochs,
        join(directory, method),
      );
      const continued = await timed(() =>
        pretrainRun(
          config,
          inputs,
          method === 'baseline' ? { resumeFrom: warmupCheckpoint } : { warmStartFrom: warmupCheckpoint },
        ),
      );
      try {
        if (continued.result.status !== 'completed') {
          throw new Error(
            `seed ${seed} ${method}: stopped on a non-finite ${continued.result.failure?.term} loss at step ${continued.result.failure?.step}`,
          );
        }
        const encoder = continued.result.state.queryEncoder;
        const evaluation = await evaluateEncoder(
          encoder,
          inputs.evaluation?.train ?? inputs.train,
          inputs.evaluation?.heldOut ?? inputs.heldOut,
          preset,
          seed,
          inputs.log,
        );
        await inputs.onEncoder?.({ seed, method }, encoder);
        runs.push({
          seed,
          method,
          protocols: evaluation.top1,
          epochLosses: [...warmup.result.epochLosses, ...continued.result.epochLosses],
          knnCurve: [...warmup.knnCurve, ...continued.knnCurve],
          contrastiveLosses: [...warmup.contrastiveLosses, ...continued.contrastiveLosses],
          pretrainSeconds: warmup.seconds + continued.seconds,
          evaluation,
        });
      } finally {
        disposeTrainingState(continued.result.state);
      }
    }
  }
  return runs;
}

function configFor(
  preset: BenchPreset,
  seed: number,
  method: string,
  epochs: number,
  directory: string,
): PretrainConfig {
  const parsed = parsePretrainConfig(
    {
      ...preset.pretrain,
      seed,
      method,
      methodOptions: method === 'halp' ? preset.halp : {},
      epochs,
      knnEvery: preset.knnEvery,
      checkpoint: { directory, every: epochs },
    },
    builtInMethods,
  );
  if (E.isLeft(parsed))
    throw new Error(`preset ${preset.name} is invalid:\n${formatConfigIssues(parsed.left)}`);
  return parsed.right;
}

async function pretrainRun(
  config: PretrainConfig,
  inputs: BenchInputs,
  start: { resumeFrom?: string; warmStartFrom?: string },
): Promise<{ result: PretrainResult; knnCurve: [number, number][]; contrastiveLosses: number[] }> {
  const metrics = memoryMetricsSink();
  const result = await pretrain(config, {
    dataset: inputs.train,
    layout: kinect25,
    backend: inputs.backend,
    metrics,
    monitor: knnMonitor(inputs.train, inputs.heldOut, {
      layout: kinect25,
      modality: config.modality,
      frames: config.frames,
    }),
    ...start,
  });
  const knnCurve = metrics.records
    .filter((record) => record.type === 'epoch' && typeof record.knn1 === 'number')
    .map((record) => [(record.epoch as number) + 1, record.knn1 as number] as [number, number]);
  const sums = new Map<number, { total: number; count: number }>();
  for (const record of metrics.records) {
    if (record.type !== 'step') continue;
    const entry = sums.get(record.epoch as number) ?? { total: 0, count: 0 };
    entry.total += record['loss/contrastive'] as number;
    entry.count += 1;
    sums.set(record.epoch as number, entry);
  }
  const contrastiveLosses = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { total, count }]) => total / count);
  return { result, knnCurve, contrastiveLosses };
}

async function timed<T extends object>(run: () => Promise<T>): Promise<T & { seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { ...value, seconds: (performance.now() - started) / 1000 };
}
