import { join } from 'node:path';
import { builtInMethods, streamTermName } from '@halp/contrastive';
import { kinect25, type SkeletonDataset } from '@halp/skeleton';
import {
  disposeTrainingState,
  formatConfigIssues,
  memoryMetricsSink,
  type PretrainConfig,
  type PretrainResult,
  parsePretrainConfig,
  streamsKnnMonitor,
} from '@halp/trainer';
import { pretrain } from '@halp/trainer/node';
import * as E from 'fp-ts/lib/Either.js';
import { type EpochCurves, epochCurves } from './epoch-means.js';
import { type EncoderEvaluation, evaluateStreams } from './evaluate-encoder.js';
import { benchFamilies } from './methods.js';
import type { BenchPreset } from './presets.js';

/** One evaluated encoder: a method's stream (or a single-stream method's only encoder) for one seed. */
export interface BenchRun {
  readonly seed: number;
  /** The row's name (see `BenchRow`). */
  readonly method: string;
  /** The stream evaluated (`sequence-joint`, `graph-joint`, …). */
  readonly stream: string;
  /** Row label in the table, e.g. `HaLP`, `ISC · graph-joint`. */
  readonly label: string;
  /** The row's label without the stream (`ISC`): what the runs' shared curves, the losses, are drawn as. */
  readonly rowLabel: string;
  /** Protocol name → top-1 accuracy in [0, 1]. */
  readonly protocols: Readonly<Record<string, number>>;
  /** Mean training loss of every epoch, warm-up phase included. */
  readonly epochLosses: readonly number[];
  /** Mean InfoNCE terms Σ L_CL of every epoch (comparable between methods with the same pairs). */
  readonly contrastiveLosses: readonly number[];
  /** Mean Σ μ·L_HaLP of every epoch; NaN (null in results.json) in epochs without HaLP's term. */
  readonly hallucinationLosses: readonly number[];
  /** Mean fraction of hallucinated positives kept, per epoch; NaN (null) in epochs without HaLP. */
  readonly keptFractions: readonly number[];
  /**
   * The warm-up this row continues: its first `epochs` epochs (of every curve above) are the
   * `name` run that all rows of the family share.
   */
  readonly warmup: { readonly name: string; readonly epochs: number };
  /** `resume`: this row is the warm-up run itself, continued; `warm-start`: a new run from its checkpoint. */
  readonly start: 'resume' | 'warm-start';
  /** [epoch, kNN top-1] of this stream from the monitor, warm-up phase included. */
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
}

/**
 * Runs a preset's rows. For every seed and family (MoCo, ISC, CMD: see `registryFamilies`) the
 * family's plain method is pretrained for `baselineEpochs`, then from that checkpoint the plain
 * method continues and the HaLP variant warm-starts, for `continueEpochs` more each (the paper: baseline to 200, both to
 * 451). Every stream of every finished run is evaluated with every protocol. Runs one after
 * another; each is deterministic in its seed.
 */
export async function runBench(
  preset: BenchPreset,
  inputs: BenchInputs,
  rows: readonly string[] = preset.methods,
): Promise<BenchRun[]> {
  const runs: BenchRun[] = [];
  const totalEpochs = preset.baselineEpochs + preset.continueEpochs;
  for (const seed of preset.seeds) {
    for (const family of benchFamilies(rows)) {
      const directory = join(inputs.workDirectory, `seed-${seed}`, family.warmup);
      const base = configFor(
        preset,
        seed,
        family.warmup,
        preset.baselineEpochs,
        join(directory, 'warmup'),
        family.warmupOptions,
      );
      const warmupLabel = family.warmupOptions ? ` ${JSON.stringify(family.warmupOptions)}` : '';
      const warmupName = `${family.warmup}${warmupLabel}`;
      inputs.log(`seed ${seed}: ${warmupName}, epochs 1–${preset.baselineEpochs}`);
      const warmup = await timed(() => pretrainRun(base, inputs, {}));
      const warmupCheckpoint = warmup.result.lastCheckpoint!;
      disposeTrainingState(warmup.result.state);

      for (const { name: row, label: rowLabel, method, start } of family.continuations) {
        inputs.log(`seed ${seed}: ${row}, epochs ${preset.baselineEpochs + 1}–${totalEpochs}`);
        const options = start === 'resume' ? family.warmupOptions : undefined;
        const config = configFor(preset, seed, method, totalEpochs, join(directory, row), options);
        const continued = await timed(() =>
          pretrainRun(
            config,
            inputs,
            start === 'resume' ? { resumeFrom: warmupCheckpoint } : { warmStartFrom: warmupCheckpoint },
          ),
        );
        try {
          if (continued.result.status !== 'completed') {
            throw new Error(
              `seed ${seed} ${row}: stopped on a non-finite ${continued.result.failure?.tensor ?? `${continued.result.failure?.term} loss`} at step ${continued.result.failure?.step}`,
            );
          }
          const { streams } = continued.result.state;
          const evaluated = await evaluateStreams(
            streams.map((stream) => ({ encoder: stream.queryEncoder, modality: stream.modality })),
            inputs.evaluation?.train ?? inputs.train,
            inputs.evaluation?.heldOut ?? inputs.heldOut,
            preset,
            seed,
            inputs.log,
            family.ensemble,
          );
          const run = (stream: string, label: string, evaluation: EncoderEvaluation, curve: string) => ({
            seed,
            method: row,
            stream,
            label,
            rowLabel,
            protocols: evaluation.top1,
            epochLosses: [...warmup.result.epochLosses, ...continued.result.epochLosses],
            knnCurve: [...warmup.knnCurves(curve), ...continued.knnCurves(curve)],
            contrastiveLosses: [...warmup.curves.contrastiveLosses, ...continued.curves.contrastiveLosses],
            hallucinationLosses: [
              ...warmup.curves.hallucinationLosses,
              ...continued.curves.hallucinationLosses,
            ],
            keptFractions: [...warmup.curves.keptFractions, ...continued.curves.keptFractions],
            warmup: { name: warmupName, epochs: preset.baselineEpochs },
            start,
            pretrainSeconds: warmup.seconds + continued.seconds,
            evaluation,
          });
          streams.forEach((stream, index) => {
            const label = streams.length === 1 ? rowLabel : `${rowLabel} · ${stream.name}`;
            runs.push(
              run(stream.name, label, evaluated.streams[index]!, streamTermName('knn1', streams, index)),
            );
          });
          if (evaluated.ensemble !== undefined) {
            runs.push(run('ensemble', `${rowLabel} · ensemble`, evaluated.ensemble, 'knn1 ensemble'));
          }
        } finally {
          disposeTrainingState(continued.result.state);
        }
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
  options: Readonly<Record<string, unknown>> = {},
): PretrainConfig {
  const parsed = parsePretrainConfig(
    {
      ...preset.pretrain,
      seed,
      method,
      methodOptions: { ...preset.methodOptions[method], ...options },
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

interface PretrainRun {
  readonly result: PretrainResult;
  /** [epoch, accuracy] of one monitor key (`knn1`, `knn1/<stream>`). */
  knnCurves(key: string): [number, number][];
  readonly curves: EpochCurves;
}

async function pretrainRun(
  config: PretrainConfig,
  inputs: BenchInputs,
  start: { resumeFrom?: string; warmStartFrom?: string },
): Promise<PretrainRun> {
  const metrics = memoryMetricsSink();
  const result = await pretrain(config, {
    dataset: inputs.train,
    layout: kinect25,
    backend: inputs.backend,
    metrics,
    monitor: streamsKnnMonitor(inputs.train, inputs.heldOut, { layout: kinect25, frames: config.frames }),
    ...start,
  });
  return {
    result,
    curves: epochCurves(metrics.records),
    knnCurves: (key) =>
      metrics.records
        .filter((record) => record.type === 'epoch' && typeof record[key] === 'number')
        .map((record) => [(record.epoch as number) + 1, record[key] as number]),
  };
}

async function timed<T extends object>(run: () => Promise<T>): Promise<T & { seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { ...value, seconds: (performance.now() - started) / 1000 };
}
