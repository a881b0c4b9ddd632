import type { BiGruEncoderConfig } from '@halp/encoders';
import type { CheckpointContents, StoredTensor } from './checkpoint-contents.js';
import type { PretrainConfig } from './config.js';

/** One stream's part of a training checkpoint: both encoders' variables by name, and its queue. */
export interface StreamCheckpoint {
  /** `<representation>-<modality>` (the run's stream name). */
  readonly name: string;
  readonly query: ReadonlyMap<string, StoredTensor>;
  readonly key: ReadonlyMap<string, StoredTensor>;
  readonly queue: {
    /** K keys as rows [K, E]. */
    readonly keys: Float32Array;
    readonly capacity: number;
    readonly dimension: number;
    readonly pointer: number;
    readonly seen: number;
  };
}

/** Everything a run restores from (`restoreTrainingState`), as plain arrays. */
export interface TrainingCheckpointParts {
  readonly streams: readonly StreamCheckpoint[];
  /** SGD velocity per trainable variable of the query encoders, stream by stream (null: none yet). */
  readonly velocities: readonly (StoredTensor | null)[];
  /** The epoch to run next. */
  readonly epoch: number;
  /** Steps done; null when unknown (a reference checkpoint): the run counts epoch × batches per epoch. */
  readonly step: number | null;
  readonly config: PretrainConfig | null;
  /** The method's own state (null: none, as when warm-starting another method's run). */
  readonly method: unknown;
  /**
   * Where a converted checkpoint came from and the encoder its weights fix (a run continuing it
   * must use that encoder: same sizes, and the stepping the weights were trained with).
   */
  readonly importedFrom?: {
    readonly file: string;
    readonly encoder: BiGruEncoderConfig;
    /** The streams, in the order their velocities are stored (a run must train them in that order). */
    readonly streams: readonly string[];
  };
}

/**
 * The contents of a halp training checkpoint: tensors named `<stream>/query/<variable>`,
 * `<stream>/key/<variable>`, `<stream>/queue/keys` and `optimizer/velocity/<i>`; the rest in the
 * metadata. What `snapshotTrainingState` writes, and what a checkpoint from elsewhere (a reference's
 * PyTorch file) is converted into.
 */
export function trainingCheckpointContents(parts: TrainingCheckpointParts): CheckpointContents {
  const tensors = new Map<string, StoredTensor>();
  const queues: Record<string, { pointer: number; seen: number }> = {};
  for (const stream of parts.streams) {
    for (const [role, variables] of [
      ['query', stream.query],
      ['key', stream.key],
    ] as const) {
      for (const [name, tensor] of variables) tensors.set(`${stream.name}/${role}/${name}`, tensor);
    }
    const { keys, capacity, dimension, pointer, seen } = stream.queue;
    tensors.set(`${stream.name}/queue/keys`, { shape: [capacity, dimension], data: keys });
    queues[stream.name] = { pointer, seen };
  }
  parts.velocities.forEach((velocity, i) => {
    if (velocity !== null) tensors.set(`optimizer/velocity/${i}`, velocity);
  });
  return {
    metadata: {
      config: parts.config,
      epoch: parts.epoch,
      ...(parts.step === null ? {} : { step: parts.step }),
      queues,
      method: parts.method,
      velocityCount: parts.velocities.length,
      ...(parts.importedFrom === undefined ? {} : { importedFrom: parts.importedFrom }),
    },
    tensors,
  };
}
