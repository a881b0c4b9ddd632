import type { BiGruEncoderConfig } from '@halp/encoders';
import { type CheckpointContents, type PretrainConfig, readCheckpoint } from '@halp/trainer';
import * as E from 'fp-ts/lib/Either.js';
import { referenceTrainingCheckpoint } from '../reference-checkpoint.js';
import { CliError } from './cli-error.js';
import type { CliOutput } from './command.js';
import { describeImport, importReferenceFile, isFile } from './reference-file.js';

/**
 * What `--warm-start <path>` continues from: a halp checkpoint folder as it is, or a reference's
 * PyTorch checkpoint file converted, in which case the run's BiGRU and queue size are the file's
 * (its weights fix them) and the run trains the one `sequence` stream of the config's modality.
 */
export async function warmStartSource(
  path: string | undefined,
  config: PretrainConfig,
  output: CliOutput,
): Promise<{ config: PretrainConfig; warmStartFrom: string | CheckpointContents | undefined }> {
  if (path === undefined) return { config, warmStartFrom: undefined };
  if (!(await isFile(path))) return importedFolder(path, config, output);
  if (config.representation !== 'sequence') {
    throw new CliError(
      `--warm-start ${path}: a reference BiGRU checkpoint warm-starts --representation sequence`,
    );
  }
  const imported = await importReferenceFile(path, output);
  output.err(`warm start: ${path}: ${describeImport(imported)}; the run uses its BiGRU and queue size\n`);
  const stream = `${config.representation}-${config.modality}`;
  let warmStartFrom: CheckpointContents;
  try {
    warmStartFrom = referenceTrainingCheckpoint(imported, stream);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return {
    config: { ...config, encoder: imported.encoder, queueSize: imported.queue!.capacity },
    warmStartFrom,
  };
}

/**
 * A halp checkpoint folder as it is; one that `halp import` wrote from a reference's file also
 * fixes the run's BiGRU and queue size, as the file itself would.
 */
async function importedFolder(
  path: string,
  config: PretrainConfig,
  output: CliOutput,
): Promise<{ config: PretrainConfig; warmStartFrom: string | CheckpointContents }> {
  const read = await readCheckpoint(path);
  if (E.isLeft(read)) throw new CliError(`${read.left.path}: ${read.left.message}`);
  const importedFrom = read.right.metadata.importedFrom as
    | { file: string; encoder: BiGruEncoderConfig }
    | undefined;
  if (importedFrom === undefined) return { config, warmStartFrom: read.right };
  const stream = `${config.representation}-${config.modality}`;
  const keys = read.right.tensors.get(`${stream}/queue/keys`);
  if (keys === undefined)
    throw new CliError(`${path}: no stream ${stream} (imported from ${importedFrom.file})`);
  output.err(
    `warm start: ${path} (imported from ${importedFrom.file}); the run uses its BiGRU and queue size\n`,
  );
  return {
    config: { ...config, encoder: importedFrom.encoder, queueSize: keys.shape[0]! },
    warmStartFrom: read.right,
  };
}
