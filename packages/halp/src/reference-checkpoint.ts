import { encoderVariableSpecs } from '@halp/encoders';
import type { ReferenceMocoImport } from '@halp/torch-checkpoint';
import type { CheckpointContents } from '@halp/trainer';
import { trainingCheckpointContents } from '@halp/trainer';

/**
 * A HaLP/CMD reference checkpoint (see `importReferenceMoco`) as a halp training checkpoint of one
 * stream (`sequence-joint` for the references' joint runs): both encoders, the queue, SGD's
 * momentum and the epoch, for `pretrain`'s `warmStartFrom` or `writeCheckpoint`. The step is left
 * unknown, so a run counts it as epoch × batches per epoch. A file without a key encoder (the
 * linear evaluation's) starts the key encoder from the query encoder, as the references initialise
 * it.
 *
 * @throws RangeError when the file has no queue (it cannot continue a MoCo run).
 */
export function referenceTrainingCheckpoint(
  imported: ReferenceMocoImport,
  stream: string,
): CheckpointContents {
  if (imported.queue === null) {
    throw new RangeError(`${imported.source}: no MoCo queue (queue, queue_ptr) to continue a run from`);
  }
  const shapes = encoderVariableSpecs(imported.encoder)
    .filter((spec) => spec.trainable)
    .map((spec) => spec.shape);
  return trainingCheckpointContents({
    streams: [
      {
        name: stream,
        query: imported.query,
        key: imported.key ?? imported.query,
        queue: { ...imported.queue, seen: imported.queue.capacity },
      },
    ],
    velocities:
      imported.velocities?.map((data, i) => (data === null ? null : { shape: shapes[i]!, data })) ??
      shapes.map(() => null),
    epoch: imported.epoch ?? 0,
    step: null,
    config: null,
    method: null,
    importedFrom: { file: imported.source, encoder: imported.encoder },
  });
}
