import { encoderVariableSpecs } from '@halp/encoders';
import type { ReferenceMocoImport } from '@halp/torch-checkpoint';
import type { CheckpointContents } from '@halp/trainer';
import { trainingCheckpointContents } from '@halp/trainer';

/** One stream of a reference checkpoint and the halp stream it becomes (`sequence-joint`). */
export interface ImportedStream {
  readonly name: string;
  readonly imported: ReferenceMocoImport;
}

/**
 * Streams imported from a HaLP/CMD reference checkpoint (see `importReferenceMoco`) as a halp
 * training checkpoint: both encoders, the queue and SGD's momentum of each stream, in the given
 * order (the run's), and the epoch, for `pretrain`'s `warmStartFrom` or `writeCheckpoint`. The step
 * is left unknown, so a run counts it as epoch × batches per epoch. A file without a key encoder
 * (the linear evaluation's) starts it from the query encoder, as the references initialise it.
 *
 * @throws RangeError when a stream has no queue (it cannot continue a MoCo run).
 */
export function referenceTrainingCheckpoint(streams: readonly ImportedStream[]): CheckpointContents {
  const [first] = streams;
  if (first === undefined) throw new RangeError('referenceTrainingCheckpoint: no stream');
  return trainingCheckpointContents({
    streams: streams.map(({ name, imported }) => {
      if (imported.queue === null) {
        throw new RangeError(`${imported.source}: no MoCo queue for stream ${name} to continue a run from`);
      }
      return {
        name,
        query: imported.query,
        key: imported.key ?? imported.query,
        queue: { ...imported.queue, seen: imported.queue.capacity },
      };
    }),
    velocities: streams.flatMap(({ imported }) => {
      const shapes = encoderVariableSpecs(imported.encoder)
        .filter((spec) => spec.trainable)
        .map((spec) => spec.shape);
      return shapes.map((shape, i) => {
        const data = imported.velocities?.[i] ?? null;
        return data === null ? null : { shape, data };
      });
    }),
    epoch: first.imported.epoch ?? 0,
    step: null,
    config: null,
    method: null,
    importedFrom: {
      file: first.imported.source,
      encoder: first.imported.encoder,
      streams: streams.map(({ name }) => name),
    },
  });
}
