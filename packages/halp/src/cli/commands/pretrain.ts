import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selectBackend } from '@halp/backend/node';
import { builtInMethods } from '@halp/contrastive';
import { kinect25 } from '@halp/skeleton';
import {
  DEFAULT_PRETRAIN_CONFIG,
  disposeTrainingState,
  formatConfigIssues,
  type PretrainConfig,
  type PretrainInputs,
  parsePretrainConfig,
  ResumeMismatchError,
  streamsKnnMonitor,
} from '@halp/trainer';
import {
  CheckpointWriteError,
  claimRunFolder,
  jsonlMetricsSink,
  pretrain,
  RunFolderError,
} from '@halp/trainer/node';
import * as E from 'fp-ts/lib/Either.js';
import {
  flagOption,
  GLOBAL_OPTIONS,
  integerOption,
  optionsAsObject,
  type ParsedArguments,
  stringOption,
} from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { CliOutput, Command } from '../command.js';
import { configOptionKinds } from '../config-options.js';
import { loadTrainingData } from '../load-data.js';
import { methodsHelp } from '../method-help.js';
import { formatDuration, progressLine } from '../progress-line.js';
import { warmStartSource } from '../reference-warm-start.js';
import { saveEncoderFiles } from '../save-encoder.js';

/** Options of the command itself; every other flag is a configuration key. */
const COMMAND_OPTIONS = {
  config: 'string',
  data: 'string',
  benchmark: 'string',
  out: 'string',
  resume: 'string',
  'warm-start': 'string',
  overwrite: 'boolean',
  threads: 'string',
} as const;

/** What a run writes into its --out folder (what --overwrite removes). */
const RUN_OUTPUTS = ['checkpoints', 'metrics.jsonl', 'encoder', 'encoders'];
const CLI_ONLY_OPTIONS = new Set([...Object.keys(COMMAND_OPTIONS), ...Object.keys(GLOBAL_OPTIONS)]);

export const pretrainCommand: Command = {
  name: 'pretrain',
  options: { ...configOptionKinds(DEFAULT_PRETRAIN_CONFIG, builtInMethods), ...COMMAND_OPTIONS },
  summary: 'self-supervised pretraining: MoCo baseline, HaLP, ISC, CMD, ISC + HaLP, HaLP + CMD',
  help: `halp pretrain [--config run.json] [--data synthetic|<processed folder>] [--benchmark xsub]
              [--out runs/NAME] [--resume <checkpoint>] [--warm-start <checkpoint>] [--overwrite] [--threads N] [--KEY VALUE ...]

One-stream methods (moco, halp) train --representation sequence|graph|image in --modality
joint|motion|bone; isc pairs two representations and cmd trains one stream per modality.
Configuration: defaults are the references' NTU-60 x-sub hyperparameters; a JSON file given with
--config overrides them, and --KEY VALUE flags override both (dotted keys reach nested fields):
  --method halp --epochs 20 --batchSize 32 --optimizer.learningRate 0.05 --encoder.hiddenSize 256
  --methodOptions.mu 2 --backend wasm --knnEvery 5 --checkpoint.every 10 --seed 1
Data: 'synthetic' (default) generates the built-in synthetic dataset; a folder holds the processed
arrays (train_data_joint.npy, train_num_frame.npy, train_label.pkl, val_*), e.g. NTU60/xsub.
Writes <out>/metrics.jsonl, <out>/checkpoints/epoch-NNNN and latest, and <out>/encoder (halp encoder files;
with several streams, as ISC and CMD train, one <out>/encoders/<stream> each).
--resume continues a run from one of its checkpoints (with the same settings but --epochs, which may
grow); --warm-start continues another method's run (the paper's HaLP schedule starts from the
baseline's epoch-200 checkpoint): a halp checkpoint folder, or the HaLP/CMD reference's own
checkpoint_0200.pth.tar (its BiGRU and queue size then replace the configured ones). A run owns its
--out folder while it runs (a second run into it is refused); a folder that already holds a run is
refused unless --resume continues it or --overwrite replaces it.

${methodsHelp(builtInMethods)}`,
  async run(args, output) {
    const { config, warmStartFrom } = await warmStartSource(
      stringOption(args, 'warm-start'),
      await resolveConfig(args),
      output,
    );
    const out = stringOption(args, 'out', join('runs', `pretrain-${config.method}`));
    const resumeFrom = stringOption(args, 'resume');
    if (resumeFrom !== undefined && flagOption(args, 'overwrite')) {
      throw new CliError('--resume continues the run in --out and --overwrite replaces it: give one of them');
    }
    const claim = await claimRunFolder(
      out,
      resumeFrom !== undefined ? 'resume' : flagOption(args, 'overwrite') ? 'overwrite' : 'new',
      RUN_OUTPUTS,
    ).catch((error: unknown) => {
      throw error instanceof RunFolderError ? new CliError(error.message) : error;
    });
    try {
      await pretrainInto(out, config, { resumeFrom, warmStartFrom }, args, output);
    } finally {
      await claim.release();
    }
  },
};

async function pretrainInto(
  out: string,
  config: PretrainConfig,
  start: Pick<PretrainInputs, 'resumeFrom' | 'warmStartFrom'>,
  args: ParsedArguments,
  output: CliOutput,
): Promise<void> {
  const backend = await selectBackend({
    preference: config.backend,
    threads: integerOption(args, 'threads', 1, 1),
    log: (line) => output.err(`${line}\n`),
  });
  const data = await loadTrainingData(
    stringOption(args, 'data', 'synthetic'),
    stringOption(args, 'benchmark', 'xsub'),
  );
  output.err(`data: ${data.description}\n`);
  const runConfig: PretrainConfig = {
    ...config,
    checkpoint: {
      ...config.checkpoint,
      directory: config.checkpoint.directory ?? join(out, 'checkpoints'),
    },
    metricsFile: config.metricsFile ?? join(out, 'metrics.jsonl'),
  };
  const started = performance.now();
  const result = await pretrain(runConfig, {
    dataset: data.train,
    layout: kinect25,
    backend: backend.name,
    metrics: jsonlMetricsSink(runConfig.metricsFile!),
    onProgress: progressReporter(output),
    monitor:
      data.heldOut === undefined
        ? undefined
        : streamsKnnMonitor(data.train, data.heldOut, { layout: kinect25, frames: config.frames }),
    ...start,
  }).catch((error: unknown) => {
    throw error instanceof ResumeMismatchError || error instanceof CheckpointWriteError
      ? new CliError(error.message)
      : error;
  });
  if (output.interactive) output.err('\n');
  try {
    if (result.status === 'stopped-non-finite') {
      const failure = result.failure!;
      const what =
        failure.tensor === undefined
          ? `the "${failure.term}" loss was ${failure.value} at step ${failure.step}`
          : `after step ${failure.step}, ${failure.tensor} held ${failure.count} non-finite values (e.g. ${failure.value}), so it was not saved`;
      throw new CliError(
        `stopped: ${what}; last good checkpoint: ${result.lastCheckpoint ?? 'none (checkpoints are written at epoch ends)'}`,
      );
    }
    const { streams } = result.state;
    const encoderPaths: string[] = [];
    for (const stream of streams) {
      const folder = streams.length === 1 ? join(out, 'encoder') : join(out, 'encoders', stream.name);
      encoderPaths.push(await saveEncoderFiles(stream.queryEncoder, folder));
    }
    output.out(
      `pretrained ${config.method} for ${result.epochsCompleted} epochs (${result.steps} steps) in ` +
        `${formatDuration((performance.now() - started) / 1000)}; final loss ${result.epochLosses.at(-1)?.toFixed(4) ?? 'n/a'}\n` +
        `${encoderPaths.map((path, i) => `encoder${streams.length === 1 ? '' : ` ${streams[i]!.name}`}: ${path}`).join('\n')}\n` +
        `checkpoint: ${result.lastCheckpoint}\nmetrics: ${runConfig.metricsFile}\n`,
    );
  } finally {
    disposeTrainingState(result.state);
  }
}

/** Defaults, then the --config file, then --KEY VALUE flags; validated with every issue listed. */
async function resolveConfig(args: ParsedArguments): Promise<PretrainConfig> {
  const file = stringOption(args, 'config');
  let fromFile: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(
        `cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`config ${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const flags = optionsAsObject(
    args.options,
    [...args.options.keys()].filter((key) => !CLI_ONLY_OPTIONS.has(key)),
  );
  const parsed = parsePretrainConfig(deepMerge(fromFile, flags));
  if (E.isLeft(parsed)) {
    throw new CliError(
      `invalid configuration${file === undefined ? '' : ` (${file} and flags)`}:\n${formatConfigIssues(parsed.left)}`,
    );
  }
  return parsed.right;
}

function deepMerge(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Redraws one line on a terminal; otherwise prints a line every 10% of the run. */
function progressReporter(output: CliOutput) {
  const started = performance.now();
  let stepsThisRun = 0;
  let lastDecile = -1;
  return (progress: Parameters<typeof progressLine>[0]) => {
    stepsThisRun += 1;
    const line = progressLine(progress, (performance.now() - started) / 1000, stepsThisRun);
    if (output.interactive) {
      output.err(`\r${line}`);
      return;
    }
    const decile = Math.floor((10 * progress.step) / progress.totalSteps);
    if (decile !== lastDecile) {
      lastDecile = decile;
      output.err(`${line}\n`);
    }
  };
}
