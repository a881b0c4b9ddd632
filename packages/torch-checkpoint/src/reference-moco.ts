import { type BiGruEncoderConfig, encoderVariableSpecs } from '@halp/encoders';
import type { DataFileError } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { checkedShape, floatTensor } from './float-tensor.js';
import { assemble, type NamedArray } from './named-array.js';
import { attempt, fail, orFail } from './read-failure.js';
import { referenceBiGruParts } from './reference-bigru-names.js';
import { type OptimizerSettings, referenceMomentum } from './reference-momentum.js';
import { type ImportedQueue, referenceQueue } from './reference-queue.js';
import { rootEntry, stateDict } from './state-dict.js';
import type { TorchCheckpoint } from './torch-checkpoint.js';
import type { TorchTensor } from './torch-tensor.js';

/**
 * A HaLP/CMD (or ISC sequence) MoCo BiGRU checkpoint in halp's terms. Weights are keyed by halp's
 * variable names (see `referenceBiGruParts`), ready for `encoderFromImport` or a halp training
 * checkpoint.
 */
export interface ReferenceMocoImport {
  readonly source: string;
  /** `module.` when saved from DistributedDataParallel, else empty. */
  readonly prefix: string;
  /** The epoch to run next (`checkpoint['epoch']`), null when the file has none. */
  readonly epoch: number | null;
  /** Sizes read from the weights; `stepping: 'reference'`, the frame-by-frame GRU they were trained with. */
  readonly encoder: BiGruEncoderConfig;
  readonly query: ReadonlyMap<string, NamedArray>;
  /** Null for a file without `encoder_k` (the linear evaluation's). */
  readonly key: ReadonlyMap<string, NamedArray> | null;
  readonly queue: ImportedQueue | null;
  /**
   * SGD momentum buffers of the query encoder's trainable variables, in halp's order (null for a
   * variable never updated); null when the file has no optimizer state halp can place.
   */
  readonly velocities: readonly (Float32Array | null)[] | null;
  readonly optimizer: OptimizerSettings | null;
  /** What was left out and why (said to the user, never silently). */
  readonly notes: readonly string[];
}

/** Which stream of a checkpoint to import (CMD trains one per modality; the others, one). */
export interface ReferenceImportOptions {
  /**
   * `joint` (default) reads `encoder_q`, `encoder_k`, `queue`; another name reads CMD's
   * `encoder_q_<name>`, `encoder_k_<name>`, `queue_<name>` (`motion`, `bone`).
   */
  readonly stream?: string;
}

const JOINT = 'joint';
const suffixOf = (stream: string) => (stream === JOINT ? '' : `_${stream}`);
const STREAM_PROBE = /^(?:module\.)?encoder_q(?:_(\w+))?\.encoder\.gru\.weight_ih_l0$/;

/** The streams a checkpoint holds a query BiGRU for (`joint`, and CMD's `motion`, `bone`). */
export function referenceStreams(checkpoint: TorchCheckpoint): E.Either<DataFileError, string[]> {
  return E.map((state: Map<string, TorchTensor>) =>
    [...state.keys()].flatMap((name) => {
      const match = STREAM_PROBE.exec(name);
      return match === null ? [] : [match[1] ?? JOINT];
    }),
  )(stateDict(checkpoint));
}

/**
 * Maps a checkpoint of the HaLP or CMD reference (`torch.save({'epoch', 'state_dict',
 * 'optimizer'})` of their MoCo module, with or without DistributedDataParallel's `module.`
 * prefix; ISC's intra-skeleton sequence MoCo alike) onto a halp BiGRU: query and key encoders,
 * queue, epoch and SGD momentum. Reads only the tensors it maps. A Left names the file and the
 * missing or mis-shaped entry.
 */
export function importReferenceMoco(
  checkpoint: TorchCheckpoint,
  options: ReferenceImportOptions = {},
): TE.TaskEither<DataFileError, ReferenceMocoImport> {
  return attempt(async () => {
    const file = checkpoint.source.name;
    const state = orFail(stateDict(checkpoint));
    const names = [...state.keys()];
    const prefix = names.length > 0 && names.every((name) => name.startsWith('module.')) ? 'module.' : '';
    const stream = options.stream ?? JOINT;
    const suffix = suffixOf(stream);
    const queryModule = `encoder_q${suffix}.`;
    const keyModule = `encoder_k${suffix}.`;
    const probe = `${prefix}${queryModule}encoder.gru.weight_ih_l0`;
    if (!state.has(probe)) {
      const found =
        names.length === 0
          ? 'an empty state_dict'
          : `${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`;
      fail('torch-checkpoint', file, 'state_dict', `a HaLP/CMD MoCo BiGRU (${probe})`, found);
    }
    const config = biGruConfigOf(state, prefix + queryModule, file);
    const notes: string[] = [];
    const query = await encoderWeights(checkpoint, state, config, prefix + queryModule);
    const hasKey = state.has(`${prefix}${keyModule}encoder.gru.weight_ih_l0`);
    const key = hasKey ? await encoderWeights(checkpoint, state, config, prefix + keyModule) : null;
    if (!hasKey)
      notes.push('no key encoder (encoder_k): a run started from this file starts it from the query encoder');
    const others = orFail(referenceStreams(checkpoint)).filter((other) => other !== stream);
    if (others.length > 0) notes.push(`stream ${stream} imported; the file also holds ${others.join(', ')}`);
    const queueNames = { keys: `${prefix}queue${suffix}`, pointer: `${prefix}queue_ptr${suffix}` };
    const queue = await referenceQueue(checkpoint, state, queueNames, config.embeddingSize);
    if (queue === null) notes.push(`no queue (${queueNames.keys}): a run cannot continue from this file`);
    const momentum = await referenceMomentum(checkpoint, state, prefix, prefix + queryModule, config, notes);
    const epoch = rootEntry(checkpoint, 'epoch');
    return {
      source: file,
      prefix,
      epoch: typeof epoch === 'bigint' ? Number(epoch) : null,
      encoder: config,
      query,
      key,
      queue,
      velocities: momentum.velocities,
      optimizer: momentum.settings,
      notes,
    };
  });
}

/** The BiGRU's sizes from its tensors' shapes. */
function biGruConfigOf(
  state: ReadonlyMap<string, TorchTensor>,
  prefix: string,
  file: string,
): BiGruEncoderConfig {
  const shape = (name: string) => state.get(prefix + name)?.shape;
  const [gates, inputSize] = shape('encoder.gru.weight_ih_l0')!;
  let numLayers = 0;
  while (state.has(`${prefix}encoder.gru.weight_ih_l${numLayers}`)) numLayers += 1;
  const head = state.has(`${prefix}fc.weight`) ? 'linear' : state.has(`${prefix}fc.2.weight`) ? 'mlp' : null;
  if (head === null) {
    fail(
      'torch-checkpoint',
      file,
      'state_dict',
      `${prefix}fc.weight (linear head) or ${prefix}fc.2.weight (--mlp head)`,
      'neither',
    );
  }
  const output = shape(head === 'linear' ? 'fc.weight' : 'fc.2.weight')!;
  if (gates === undefined || inputSize === undefined || gates % 3 !== 0 || output.length !== 2) {
    fail(
      'torch-checkpoint',
      file,
      `state_dict['${prefix}encoder.gru.weight_ih_l0']`,
      'a [3H, C] matrix',
      `[${shape('encoder.gru.weight_ih_l0')}]`,
    );
  }
  return {
    kind: 'bigru',
    inputSize,
    hiddenSize: gates / 3,
    numLayers,
    head,
    embeddingSize: output[0]!,
    stepping: 'reference',
    batchNorm: state.has(`${prefix}input_norm.weight`),
  };
}

/** Every variable of the encoder under `prefix`, assembled from its parts and checked against halp's shape. */
async function encoderWeights(
  checkpoint: TorchCheckpoint,
  state: ReadonlyMap<string, TorchTensor>,
  config: BiGruEncoderConfig,
  prefix: string,
): Promise<Map<string, NamedArray>> {
  const file = checkpoint.source.name;
  const parts = referenceBiGruParts(config);
  const weights = new Map<string, NamedArray>();
  for (const spec of encoderVariableSpecs(config)) {
    const sources = parts.get(spec.name)!.map((part) => ({ ...part, name: prefix + part.name }));
    const missing = sources.find((part) => !state.has(part.name));
    if (missing !== undefined)
      fail('torch-checkpoint', file, `state_dict['${missing.name}']`, 'a tensor', 'none');
    const arrays = await Promise.all(
      sources.map((part) => floatTensor(checkpoint, part.name, state.get(part.name)!)),
    );
    weights.set(spec.name, checkedShape(assemble(arrays, sources), spec.shape, sources, file));
  }
  return weights;
}
