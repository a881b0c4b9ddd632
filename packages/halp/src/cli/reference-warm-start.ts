import type { CheckpointContents, PretrainConfig } from '@halp/trainer';
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
  if (path === undefined || !(await isFile(path))) return { config, warmStartFrom: path };
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
