import { stat } from 'node:fs/promises';
import { importReferenceMoco, type ReferenceMocoImport } from '@halp/torch-checkpoint';
import { openTorchCheckpointFile } from '@halp/torch-checkpoint/node';
import type { CliOutput } from './command.js';
import { orCliError } from './data-error.js';

/** Whether `path` names a file (a PyTorch checkpoint) rather than a folder halp wrote. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a HaLP/CMD reference checkpoint (`checkpoint_0200.pth.tar`); what it lacks (an optimizer
 * state, a key encoder) is said on `err`, one line each.
 */
export async function importReferenceFile(path: string, output?: CliOutput): Promise<ReferenceMocoImport> {
  const checkpoint = orCliError(await openTorchCheckpointFile(path)());
  const imported = orCliError(await importReferenceMoco(checkpoint)());
  for (const note of imported.notes) output?.err(`${path}: ${note}\n`);
  return imported;
}

/** One line: `BiGRU 3 × 1024 (reference stepping), mlp head → 128, epoch 200, queue 16384`. */
export function describeImport(imported: ReferenceMocoImport): string {
  const { encoder, queue, epoch, prefix } = imported;
  return [
    `BiGRU ${encoder.numLayers} × ${encoder.hiddenSize} on ${encoder.inputSize} channels (reference stepping)`,
    `${encoder.head} head → ${encoder.embeddingSize}`,
    epoch === null ? 'no epoch' : `epoch ${epoch}`,
    queue === null ? 'no queue' : `queue ${queue.capacity}`,
    ...(prefix === '' ? [] : [`saved with DistributedDataParallel (${prefix})`]),
  ].join(', ');
}
