import { builtInMethods, streamName } from '@halp/contrastive';
import type { BiGruEncoderConfig } from '@halp/encoders';
import { type CheckpointContents, configuredStreams, type PretrainConfig } from '@halp/trainer';
import { readCheckpoint } from '@halp/trainer/node';
import * as E from 'fp-ts/lib/Either.js';
import { referenceTrainingCheckpoint } from '../reference-checkpoint.js';
import { CliError } from './cli-error.js';
import type { CliOutput } from './command.js';
import { describeImport, importReferenceFile, isFile } from './reference-file.js';

interface WarmStart {
  readonly config: PretrainConfig;
  readonly warmStartFrom: string | CheckpointContents | undefined;
}

/**
 * What `--warm-start <path>` continues from: a halp checkpoint folder, or a reference's PyTorch
 * checkpoint file converted: each stream the run trains (`sequence` streams: one for MoCo and
 * HaLP, one per modality for CMD) from the file's stream of that modality. A reference's weights
 * fix the run's BiGRU (sizes, frame-by-frame stepping) and queue size.
 */
export async function warmStartSource(
  path: string | undefined,
  config: PretrainConfig,
  output: CliOutput,
): Promise<WarmStart> {
  if (path === undefined) return { config, warmStartFrom: undefined };
  if (!(await isFile(path))) return importedFolder(path, config, output);
  const specs = configuredStreams(config, builtInMethods);
  const other = specs.find((spec) => spec.representation !== 'sequence');
  if (other !== undefined) {
    throw new CliError(
      `--warm-start ${path}: a reference BiGRU warm-starts sequence streams, not ${streamName(other)}`,
    );
  }
  const streams = await importReferenceFile(
    path,
    output,
    specs.map((spec) => spec.modality),
  );
  const first = streams[0]!.imported;
  output.err(`warm start: ${path}: ${describeImport(first)}; the run uses its BiGRU and queue size\n`);
  const saved = first.optimizer;
  const { momentum, weightDecay, learningRate } = config.optimizer;
  if (saved !== null && (saved.momentum !== momentum || saved.weightDecay !== weightDecay)) {
    output.err(
      `warm start: the reference's SGD had momentum ${saved.momentum}, weight decay ${saved.weightDecay} ` +
        `(last learning rate ${saved.learningRate}); this run uses ${momentum}, ${weightDecay} (learning rate ${learningRate})\n`,
    );
  }
  let warmStartFrom: CheckpointContents;
  try {
    warmStartFrom = referenceTrainingCheckpoint(
      streams.map(({ imported }, i) => ({ name: streamName(specs[i]!), imported })),
    );
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return { config: { ...config, encoder: first.encoder, queueSize: first.queue!.capacity }, warmStartFrom };
}

/**
 * A halp checkpoint folder as it is; one that `halp import` wrote from a reference's file also
 * fixes the run's BiGRU and queue size, as the file itself would, and its streams (in their order).
 */
async function importedFolder(path: string, config: PretrainConfig, output: CliOutput): Promise<WarmStart> {
  const read = await readCheckpoint(path);
  if (E.isLeft(read)) throw new CliError(`${read.left.path}: ${read.left.message}`);
  const importedFrom = read.right.metadata.importedFrom as
    | { file: string; encoder: BiGruEncoderConfig; streams: string[] }
    | undefined;
  if (importedFrom === undefined) return { config, warmStartFrom: read.right };
  const wanted = configuredStreams(config, builtInMethods).map(streamName);
  if (wanted.join() !== importedFrom.streams.join()) {
    throw new CliError(
      `${path}: holds streams ${importedFrom.streams.join(', ')} (imported from ${importedFrom.file}); ` +
        `this run trains ${wanted.join(', ')}`,
    );
  }
  const keys = read.right.tensors.get(`${wanted[0]}/queue/keys`)!;
  output.err(
    `warm start: ${path} (imported from ${importedFrom.file}); the run uses its BiGRU and queue size\n`,
  );
  return {
    config: { ...config, encoder: importedFrom.encoder, queueSize: keys.shape[0]! },
    warmStartFrom: read.right,
  };
}
