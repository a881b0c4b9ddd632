import {
  KeyQueue,
  type MethodRegistry,
  type PretrainingMethod,
  type StreamSpec,
  streamName,
} from '@halp/contrastive';
import {
  disposeEncoder,
  type Encoder,
  type EncoderInput,
  encoderInput,
  initEncoder,
  namedVariables,
  trainableVariables,
} from '@halp/encoders';
import { randomUnitVectors } from '@halp/hypersphere';
import { Sgd } from '@halp/optim';
import { forkRandom, type Random } from '@halp/random';
import type { Modality } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointContents, StoredTensor } from './checkpoint-contents.js';
import type { PretrainConfig, Representation } from './config.js';
import { type StreamDataShape, streamEncoderConfig } from './stream-encoders.js';
import { type StreamCheckpoint, trainingCheckpointContents } from './training-checkpoint.js';

/** One stream of a run: its encoders and queue (see `StreamSpec` in `@halp/contrastive`). */
export interface StreamState {
  /** `<representation>-<modality>`, the prefix of its tensors in checkpoints. */
  readonly name: string;
  readonly representation: Representation;
  readonly modality: Modality;
  /** How its clips are fed to its encoders. */
  readonly input: EncoderInput;
  readonly queryEncoder: Encoder;
  /** Never trained by gradients: follows the query encoder by momentum. */
  readonly keyEncoder: Encoder;
  queue: KeyQueue;
}

/** Everything a run changes as it trains; a checkpoint is a snapshot of it. */
export interface TrainingState {
  readonly config: PretrainConfig;
  /** In the order the method's `streams` gave them. */
  readonly streams: readonly StreamState[];
  /** SGD over the trainable variables of every stream's query encoder, stream by stream. */
  readonly optimizer: Sgd;
  readonly method: PretrainingMethod;
  /** Next epoch to run (0-based). */
  epoch: number;
  /** Steps done so far. */
  step: number;
}

/** The streams a config trains (the method's, from the base representation and modality). */
export function configuredStreams(config: PretrainConfig, methods: MethodRegistry): readonly StreamSpec[] {
  const definition = methods.get(config.method);
  if (definition === undefined) throw new RangeError(`Unknown method "${config.method}"`);
  return definition.streams(config.methodOptions, baseStream(config));
}

/** The configured representation and modality, the stream single-stream methods train. */
function baseStream(config: PretrainConfig): StreamSpec {
  return { representation: config.representation, modality: config.modality };
}

/**
 * A fresh state. Per stream: the query encoder initialised from fork(seed, "init <stream>"), the key
 * encoder a copy of it (as in the references), the queue filled with random unit vectors from
 * fork(seed, "queue <stream>").
 */
export function createTrainingState(
  config: PretrainConfig,
  methods: MethodRegistry,
  random: Random,
  shape: StreamDataShape,
): TrainingState {
  const definition = methods.get(config.method);
  if (definition === undefined) throw new RangeError(`Unknown method "${config.method}"`);
  const specs = definition.streams(config.methodOptions, baseStream(config));
  const streams = specs.map((spec): StreamState => {
    const name = streamName(spec);
    const representation = spec.representation as Representation;
    const encoderConfig = streamEncoderConfig(config, representation, shape);
    const queryEncoder = initEncoder(encoderConfig, forkRandom(random, `init ${name}`));
    const keyEncoder = initEncoder(encoderConfig, forkRandom(random, `init ${name}`));
    const dimension = encoderConfig.embeddingSize;
    const initialKeys = randomUnitVectors(config.queueSize, dimension, forkRandom(random, `queue ${name}`));
    return {
      name,
      representation,
      modality: spec.modality as Modality,
      input: encoderInput(encoderConfig),
      queryEncoder,
      keyEncoder,
      queue: KeyQueue.fromRows(initialKeys.data, config.queueSize, dimension),
    };
  });
  return {
    config,
    streams,
    optimizer: new Sgd(queryVariables(streams), config.optimizer),
    method: definition.create({
      temperature: config.temperature,
      queueSize: config.queueSize,
      streams: specs,
      options: config.methodOptions,
    }),
    epoch: 0,
    step: 0,
  };
}

/** The trainable variables of every stream's query encoder, in the optimizer's order. */
export function queryVariables(streams: readonly StreamState[]): tf.Variable[] {
  return streams.flatMap((stream) => trainableVariables(stream.queryEncoder));
}

export function disposeTrainingState(state: TrainingState): void {
  for (const stream of state.streams) {
    disposeEncoder(stream.queryEncoder);
    disposeEncoder(stream.keyEncoder);
    stream.queue.dispose();
  }
  state.optimizer.dispose();
  state.method.dispose();
}

/** Snapshot of a state for a checkpoint file (see {@link trainingCheckpointContents}). */
export async function snapshotTrainingState(state: TrainingState): Promise<CheckpointContents> {
  const streams: StreamCheckpoint[] = [];
  for (const stream of state.streams) {
    const [query, key] = await Promise.all([
      storedVariables(stream.queryEncoder),
      storedVariables(stream.keyEncoder),
    ]);
    streams.push({ name: stream.name, query, key, queue: await stream.queue.snapshot() });
  }
  const trainable = queryVariables(state.streams);
  const velocities = (await state.optimizer.saveState()).map((data, i) =>
    data === null ? null : { shape: trainable[i]!.shape, data },
  );
  return trainingCheckpointContents({
    streams,
    velocities,
    epoch: state.epoch,
    step: state.step,
    config: state.config,
    method: await state.method.saveState(),
  });
}

async function storedVariables(encoder: Encoder): Promise<Map<string, StoredTensor>> {
  const stored = new Map<string, StoredTensor>();
  for (const { name, variable } of namedVariables(encoder)) {
    stored.set(name, { shape: variable.shape, data: (await variable.data()) as Float32Array });
  }
  return stored;
}

/**
 * How a checkpoint is loaded:
 * - `'resume'`: continue the same run (weights, optimizer, queues, method state, epoch and step);
 * - `'warm-start'`: continue another method's run, as the paper's HaLP run continues the baseline's
 *   epoch-200 checkpoint with the references' `--resume`: everything but the method's own state,
 *   which starts fresh (HaLP then warms up its prototypes from the restored queue). The
 *   checkpoint must hold every stream of this run under the same name.
 */
export type RestoreMode = 'resume' | 'warm-start';

/** Loads a checkpoint into `state` (see {@link RestoreMode}). */
export function restoreTrainingState(
  state: TrainingState,
  checkpoint: CheckpointContents,
  mode: RestoreMode,
): void {
  const { tensors, metadata } = checkpoint;
  const queues = (metadata.queues ?? {}) as Record<string, { pointer: number; seen: number }>;
  for (const stream of state.streams) {
    for (const [role, encoder] of encoderRoles(stream)) {
      for (const { name, variable } of namedVariables(encoder)) {
        const key = `${stream.name}/${role}/${name}`;
        const stored = tensors.get(key);
        if (stored === undefined || !tf.util.arraysEqual(stored.shape as number[], variable.shape)) {
          throw new RangeError(
            `checkpoint has no ${key} of shape [${variable.shape}]` +
              (stored === undefined ? '' : ` (found [${stored.shape}])`),
          );
        }
        tf.tidy(() => variable.assign(tf.tensor(stored.data, variable.shape, 'float32')));
      }
    }
    const queueKeys = tensors.get(`${stream.name}/queue/keys`);
    const queueMeta = queues[stream.name];
    if (queueKeys === undefined || queueMeta === undefined) {
      throw new RangeError(`checkpoint has no queue for stream ${stream.name}`);
    }
    stream.queue.dispose();
    stream.queue = KeyQueue.restore({
      keys: queueKeys.data,
      capacity: queueKeys.shape[0]!,
      dimension: queueKeys.shape[1]!,
      pointer: queueMeta.pointer,
      seen: queueMeta.seen,
    });
  }
  const count = metadata.velocityCount as number;
  state.optimizer.restoreState(
    Array.from({ length: count }, (_, i) => tensors.get(`optimizer/velocity/${i}`)?.data ?? null),
  );
  if (mode === 'resume') state.method.restoreState(metadata.method);
  state.epoch = metadata.epoch as number;
  // A checkpoint from elsewhere may not know the step; the caller then counts it (see `pretrain`).
  if (typeof metadata.step === 'number') state.step = metadata.step;
}

function encoderRoles(stream: StreamState): readonly (readonly ['query' | 'key', Encoder])[] {
  return [
    ['query', stream.queryEncoder],
    ['key', stream.keyEncoder],
  ];
}
