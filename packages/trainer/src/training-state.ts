import { KeyQueue, type MethodRegistry, type PretrainingMethod } from '@halp/contrastive';
import {
  type BiGruEncoder,
  disposeEncoder,
  initBiGruEncoder,
  namedVariables,
  trainableVariables,
} from '@halp/encoders';
import { randomUnitVectors } from '@halp/hypersphere';
import { Sgd } from '@halp/optim';
import { forkRandom, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointContents, StoredTensor } from './checkpoint-file.js';
import type { PretrainConfig } from './config.js';

/** Everything a run changes as it trains; a checkpoint is a snapshot of it. */
export interface TrainingState {
  readonly config: PretrainConfig;
  readonly queryEncoder: BiGruEncoder;
  /** Never trained by gradients: follows the query encoder by momentum. */
  readonly keyEncoder: BiGruEncoder;
  readonly optimizer: Sgd;
  queue: KeyQueue;
  readonly method: PretrainingMethod;
  /** Next epoch to run (0-based). */
  epoch: number;
  /** Steps done so far. */
  step: number;
}

/**
 * A fresh state: query encoder initialised from fork(seed, "init"), key encoder a copy of it (as in
 * the references), the queue filled with random unit vectors from fork(seed, "queue").
 */
export function createTrainingState(
  config: PretrainConfig,
  methods: MethodRegistry,
  random: Random,
): TrainingState {
  const definition = methods.get(config.method);
  if (definition === undefined) throw new RangeError(`Unknown method "${config.method}"`);
  const queryEncoder = initBiGruEncoder(config.encoder, forkRandom(random, 'init'));
  const keyEncoder = initBiGruEncoder(config.encoder, forkRandom(random, 'init'));
  const dimension = config.encoder.embeddingSize;
  const initialKeys = randomUnitVectors(config.queueSize, dimension, forkRandom(random, 'queue'));
  return {
    config,
    queryEncoder,
    keyEncoder,
    optimizer: new Sgd(trainableVariables(queryEncoder), config.optimizer),
    queue: KeyQueue.fromRows(initialKeys.data, config.queueSize, dimension),
    method: definition.create({
      temperature: config.temperature,
      queueSize: config.queueSize,
      options: config.methodOptions,
    }),
    epoch: 0,
    step: 0,
  };
}

export function disposeTrainingState(state: TrainingState): void {
  disposeEncoder(state.queryEncoder);
  disposeEncoder(state.keyEncoder);
  state.optimizer.dispose();
  state.queue.dispose();
  state.method.dispose();
}

/** Snapshot of a state for a checkpoint file. */
export async function snapshotTrainingState(state: TrainingState): Promise<CheckpointContents> {
  const tensors = new Map<string, StoredTensor>();
  for (const [prefix, encoder] of [
    ['query', state.queryEncoder],
    ['key', state.keyEncoder],
  ] as const) {
    for (const { name, variable } of namedVariables(encoder)) {
      tensors.set(`${prefix}/${name}`, {
        shape: variable.shape,
        data: (await variable.data()) as Float32Array,
      });
    }
  }
  const velocities = await state.optimizer.saveState();
  const trainable = trainableVariables(state.queryEncoder);
  velocities.forEach((values, i) => {
    if (values !== null) tensors.set(`optimizer/velocity/${i}`, { shape: trainable[i]!.shape, data: values });
  });
  const queue = await state.queue.snapshot();
  tensors.set('queue/keys', { shape: [queue.capacity, queue.dimension], data: queue.keys });
  return {
    metadata: {
      config: state.config,
      epoch: state.epoch,
      step: state.step,
      queue: { pointer: queue.pointer, seen: queue.seen },
      method: await state.method.saveState(),
      velocityCount: velocities.length,
    },
    tensors,
  };
}

/**
 * How a checkpoint is loaded:
 * - `'resume'`: continue the same run (weights, optimizer, queue, method state, epoch and step);
 * - `'warm-start'`: continue another method's run, as the paper's HaLP run continues the baseline's
 *   epoch-200 checkpoint with the references' `--resume`: everything but the method's own state,
 *   which starts fresh (HaLP then warms up its prototypes from the restored queue).
 */
export type RestoreMode = 'resume' | 'warm-start';

/** Loads a checkpoint into `state` (see {@link RestoreMode}). */
export function restoreTrainingState(
  state: TrainingState,
  checkpoint: CheckpointContents,
  mode: RestoreMode,
): void {
  const { tensors, metadata } = checkpoint;
  for (const [prefix, encoder] of [
    ['query', state.queryEncoder],
    ['key', state.keyEncoder],
  ] as const) {
    for (const { name, variable } of namedVariables(encoder)) {
      const stored = tensors.get(`${prefix}/${name}`);
      if (stored === undefined || !tf.util.arraysEqual(stored.shape as number[], variable.shape)) {
        throw new RangeError(
          `checkpoint has no ${prefix}/${name} of shape [${variable.shape}]` +
            (stored === undefined ? '' : ` (found [${stored.shape}])`),
        );
      }
      tf.tidy(() => variable.assign(tf.tensor(stored.data, variable.shape, 'float32')));
    }
  }
  const count = metadata.velocityCount as number;
  state.optimizer.restoreState(
    Array.from({ length: count }, (_, i) => tensors.get(`optimizer/velocity/${i}`)?.data ?? null),
  );
  const queueKeys = tensors.get('queue/keys');
  const queueMeta = metadata.queue as { pointer: number; seen: number };
  if (queueKeys === undefined) throw new RangeError('checkpoint has no queue/keys');
  state.queue.dispose();
  state.queue = KeyQueue.restore({
    keys: queueKeys.data,
    capacity: queueKeys.shape[0]!,
    dimension: queueKeys.shape[1]!,
    pointer: queueMeta.pointer,
    seen: queueMeta.seen,
  });
  if (mode === 'resume') state.method.restoreState(metadata.method);
  state.epoch = metadata.epoch as number;
  state.step = metadata.step as number;
}
