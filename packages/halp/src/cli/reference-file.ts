import { stat } from 'node:fs/promises';
import { importReferenceMoco, type ReferenceMocoImport, referenceStreams } from '@halp/torch-checkpoint';
import { openTorchCheckpointFile } from '@halp/torch-checkpoint/node';
import { CliError } from './cli-error.js';
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
 * Reads streams of a HaLP/CMD reference checkpoint (`checkpoint_0200.pth.tar`): the given
 * modalities (`joint`, and CMD's `motion`, `bone`), or every stream the file holds. What the file
 * lacks (an optimizer state, a key encoder) is said on `err`, one line each.
 */
export async function importReferenceFile(
  path: string,
  output?: CliOutput,
  modalities?: readonly string[],
): Promise<{ modality: string; imported: ReferenceMocoImport }[]> {
  const checkpoint = orCliError(await openTorchCheckpointFile(path)());
  const available = orCliError(referenceStreams(checkpoint));
  const wanted = modalities ?? available;
  const missing = wanted.find((modality) => !available.includes(modality));
  if (missing !== undefined) {
    throw new CliError(`${path}: no ${missing} stream (the file holds ${available.join(', ') || 'none'})`);
  }
  const streams = [];
  for (const modality of wanted) {
    const imported = orCliError(await importReferenceMoco(checkpoint, { stream: modality })());
    // Other streams are either imported too or not asked for: no need to list them.
    const notes = imported.notes.filter((note) => !note.startsWith(`stream ${modality} imported;`));
    for (const note of notes) output?.err(`${path}: ${note}\n`);
    streams.push({ modality, imported });
  }
  return streams;
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
