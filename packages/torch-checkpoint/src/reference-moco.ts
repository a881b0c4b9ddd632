import { type BiGruEncoderConfig, encoderVariableSpecs } from '@halp/encoders';
import { type DataFileError, dataFileError, isKind, isPickleKey } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type ReferencePart, referenceBiGruParts } from './reference-bigru-names.js';
import { asDict, rootEntry, stateDict } from './state-dict.js';
import { readTensor, type TorchCheckpoint } from './torch-checkpoint.js';
import { elementCount, type TorchTensor } from './torch-tensor.js';

/** Float32 values with their shape (the trainer's `StoredTensor`). */
export interface NamedArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The MoCo key queue: K keys as rows (the reference stores them as columns, `queue` [E, K]). */
export interface ImportedQueue {
  readonly keys: Float32Array;
  readonly capacity: number;
  readonly dimension: number;
  /** Next row to overwrite (`queue_ptr`). */
  readonly pointer: number;
}

/**
 * A HaLP/CMD MoCo BiGRU checkpoint in halp's terms. Weights are keyed by halp's variable names
 * (see `referenceBiGruParts`), ready for `encoderFromImport` or a halp training checkpoint.
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
  /** The optimizer's settings of the first parameter group, when saved. */
  readonly optimizer: {
    readonly learningRate: number;
    readonly momentum: number;
    readonly weightDecay: number;
  } | null;
  /** What was left out and why (said to the user, never silently). */
  readonly notes: readonly string[];
}

const QUERY = 'encoder_q.';
const KEY = 'encoder_k.';
const BUFFER_SUFFIXES = ['running_mean', 'running_var', 'num_batches_tracked'];

/**
 * Maps a checkpoint of the HaLP or CMD reference (`torch.save({'epoch', 'state_dict',
 * 'optimizer'})` of their MoCo module, with or without DistributedDataParallel's `module.`
 * prefix) onto a halp BiGRU: query and key encoders, queue, epoch and SGD momentum. Reads only
 * the tensors it maps. A Left names the file and the missing or mis-shaped entry.
 */
export function importReferenceMoco(
  checkpoint: TorchCheckpoint,
): TE.TaskEither<DataFileError, ReferenceMocoImport> {
  return async () => {
    const file = checkpoint.source.name;
    const fail = (position: string, expected: string, found: string) =>
      E.left(dataFileError('torch-checkpoint', file, position, expected, found));
    const tensors = stateDict(checkpoint);
    if (E.isLeft(tensors)) return tensors;
    const state = tensors.right;
    const names = [...state.keys()];
    const prefix = names.length > 0 && names.every((name) => name.startsWith('module.')) ? 'module.' : '';
    const probe = `${prefix}${QUERY}encoder.gru.weight_ih_l0`;
    if (!state.has(probe)) {
      return fail(
        'state_dict',
        `a HaLP/CMD MoCo BiGRU (${probe})`,
        names.length === 0
          ? 'an empty state_dict'
          : `${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`,
      );
    }
    const config = biGruConfigOf(state, prefix + QUERY);
    if (typeof config === 'string') return fail('state_dict', 'the tensors of a BiGRU', config);
    const notes: string[] = [];
    try {
      const read = async (name: string): Promise<NamedArray> =>
        floatArray(checkpoint, name, state.get(name)!);
      const query = await encoderWeights(config, prefix + QUERY, state, read, file);
      const hasKey = state.has(`${prefix}${KEY}encoder.gru.weight_ih_l0`);
      const key = hasKey ? await encoderWeights(config, prefix + KEY, state, read, file) : null;
      if (!hasKey)
        notes.push(
          'no key encoder (encoder_k): a run started from this file starts its key encoder from the query encoder',
        );
      const queue = await queueOf(checkpoint, state, prefix, config.embeddingSize);
      if (queue === null) notes.push('no queue: a run started from this file needs one');
      const optimizer = await optimizerOf(checkpoint, state, prefix, config, notes);
      const epoch = rootEntry(checkpoint, 'epoch');
      return E.right({
        source: file,
        prefix,
        epoch: typeof epoch === 'bigint' ? Number(epoch) : null,
        encoder: config,
        query,
        key,
        queue,
        velocities: optimizer.velocities,
        optimizer: optimizer.settings,
        notes,
      });
    } catch (error) {
      if (error instanceof MappingFailure) return E.left(error.error);
      throw error;
    }
  };
}

class MappingFailure extends Error {
  constructor(readonly error: DataFileError) {
    super(error.message);
  }
}

/** The BiGRU's sizes from its tensors' shapes, or what is missing. */
function biGruConfigOf(state: ReadonlyMap<string, TorchTensor>, prefix: string): BiGruEncoderConfig | string {
  const shape = (name: string) => state.get(prefix + name)?.shape;
  const [gates, inputSize] = shape('encoder.gru.weight_ih_l0')!;
  let numLayers = 0;
  while (state.has(`${prefix}encoder.gru.weight_ih_l${numLayers}`)) numLayers += 1;
  const head = state.has(`${prefix}fc.weight`) ? 'linear' : state.has(`${prefix}fc.2.weight`) ? 'mlp' : null;
  if (head === null) return `no ${prefix}fc.weight (linear head) or ${prefix}fc.2.weight (--mlp head)`;
  const output = shape(head === 'linear' ? 'fc.weight' : 'fc.2.weight')!;
  if (gates === undefined || inputSize === undefined || gates % 3 !== 0 || output.length !== 2) {
    return `weight_ih_l0 of shape [${shape('encoder.gru.weight_ih_l0')}] (expected [3H, C])`;
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
  config: BiGruEncoderConfig,
  prefix: string,
  state: ReadonlyMap<string, TorchTensor>,
  read: (name: string) => Promise<NamedArray>,
  file: string,
): Promise<Map<string, NamedArray>> {
  const parts = referenceBiGruParts(config);
  const weights = new Map<string, NamedArray>();
  for (const spec of encoderVariableSpecs(config)) {
    const sources = parts.get(spec.name)!;
    const missing = sources.find((part) => !state.has(prefix + part.name));
    if (missing !== undefined) throw mappingFailure(file, prefix + missing.name, 'a tensor', 'none');
    const arrays = await Promise.all(sources.map((part) => read(prefix + part.name)));
    weights.set(spec.name, checkedShape(assemble(arrays, sources), spec.shape, prefix, sources, file));
  }
  return weights;
}

/**
 * Parts side by side along the last axis, each transposed first when it is a PyTorch matrix
 * ([out, in] → [in, out]).
 */
export function assemble(arrays: readonly NamedArray[], parts: readonly ReferencePart[]): NamedArray {
  const pieces = arrays.map((array, i) => (parts[i]!.transpose ? transpose(array) : array));
  if (pieces.length === 1) return pieces[0]!;
  const rows = pieces[0]!.shape.length === 2 ? pieces[0]!.shape[0]! : 1;
  const widths = pieces.map((piece) => piece.shape.at(-1)!);
  const width = widths.reduce((a, b) => a + b, 0);
  const data = new Float32Array(rows * width);
  let column = 0;
  pieces.forEach((piece, p) => {
    for (let row = 0; row < rows; row += 1) {
      data.set(piece.data.subarray(row * widths[p]!, (row + 1) * widths[p]!), row * width + column);
    }
    column += widths[p]!;
  });
  return { shape: pieces[0]!.shape.length === 2 ? [rows, width] : [width], data };
}

function transpose({ shape, data }: NamedArray): NamedArray {
  const [rows, columns] = shape as [number, number];
  const output = new Float32Array(data.length);
  for (let r = 0; r < rows; r += 1)
    for (let c = 0; c < columns; c += 1) output[c * rows + r] = data[r * columns + c]!;
  return { shape: [columns, rows], data: output };
}

function checkedShape(
  array: NamedArray,
  shape: readonly number[],
  prefix: string,
  parts: readonly ReferencePart[],
  file: string,
): NamedArray {
  if (array.shape.length !== shape.length || array.shape.some((size, i) => size !== shape[i])) {
    throw new MappingFailure(
      dataFileError(
        'torch-checkpoint',
        file,
        parts.map((part) => prefix + part.name).join(' + '),
        `shapes giving [${shape}] for this BiGRU`,
        `[${array.shape}]`,
      ),
    );
  }
  return array;
}

function mappingFailure(file: string, name: string, expected: string, found: string): MappingFailure {
  return new MappingFailure(
    dataFileError('torch-checkpoint', file, `state_dict['${name}']`, expected, found),
  );
}

/** A tensor's values as float32 (integer tensors are refused where weights are expected). */
async function floatArray(
  checkpoint: TorchCheckpoint,
  name: string,
  tensor: TorchTensor,
): Promise<NamedArray> {
  const result = await readTensor(checkpoint, tensor)();
  if (E.isLeft(result)) throw new MappingFailure(result.left);
  const { data, shape, dtype } = result.right;
  if (data instanceof Float32Array) return { shape, data };
  if (data instanceof Float64Array) return { shape, data: Float32Array.from(data) };
  throw new MappingFailure(
    dataFileError(
      'torch-checkpoint',
      checkpoint.source.name,
      `state_dict['${name}']`,
      'a floating-point tensor',
      dtype,
    ),
  );
}

async function queueOf(
  checkpoint: TorchCheckpoint,
  state: ReadonlyMap<string, TorchTensor>,
  prefix: string,
  dimension: number,
): Promise<ImportedQueue | null> {
  const keys = state.get(`${prefix}queue`);
  const pointer = state.get(`${prefix}queue_ptr`);
  if (keys === undefined || pointer === undefined) return null;
  if (keys.shape.length !== 2 || keys.shape[0] !== dimension) {
    throw mappingFailure(
      checkpoint.source.name,
      `${prefix}queue`,
      `a queue [${dimension}, K]`,
      `[${keys.shape}]`,
    );
  }
  const columns = await floatArray(checkpoint, `${prefix}queue`, keys);
  const read = await readTensor(checkpoint, pointer)();
  if (E.isLeft(read)) throw new MappingFailure(read.left);
  const value = read.right.data[0];
  const capacity = keys.shape[1]!;
  const position = typeof value === 'bigint' ? Number(value) : Number.NaN;
  if (elementCount(pointer.shape) !== 1 || !(position >= 0 && position < capacity)) {
    throw mappingFailure(
      checkpoint.source.name,
      `${prefix}queue_ptr`,
      `one integer in [0, ${capacity})`,
      String(value),
    );
  }
  return { keys: transpose(columns).data, capacity, dimension, pointer: position };
}

/**
 * SGD's momentum buffers placed on halp's trainable variables. The reference's optimizer covers
 * `model.parameters()`, whose order is the state_dict's with the buffers left out; its state
 * refers to them by position.
 */
async function optimizerOf(
  checkpoint: TorchCheckpoint,
  state: ReadonlyMap<string, TorchTensor>,
  prefix: string,
  config: BiGruEncoderConfig,
  notes: string[],
): Promise<Pick<ReferenceMocoImport, 'velocities'> & { settings: ReferenceMocoImport['optimizer'] }> {
  const saved = asDict(rootEntry(checkpoint, 'optimizer'));
  const groups = saved?.entries.get('param_groups');
  const savedState = asDict(saved?.entries.get('state'));
  if (saved === undefined || !Array.isArray(groups) || savedState === undefined) {
    notes.push('no optimizer state: SGD momentum starts from zero');
    return { velocities: null, settings: null };
  }
  const ids = groups.flatMap((group) => {
    const params = asDict(group)?.entries.get('params');
    return Array.isArray(params) ? params : [];
  });
  const first = asDict(groups[0]);
  const number = (key: string): number => {
    const value = first?.entries.get(key);
    return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number.NaN;
  };
  const settings = {
    learningRate: number('lr'),
    momentum: number('momentum'),
    weightDecay: number('weight_decay'),
  };
  const parameters = [...state.keys()].filter(
    (name) =>
      name.startsWith(`${prefix}encoder_`) && !BUFFER_SUFFIXES.some((suffix) => name.endsWith(suffix)),
  );
  if (ids.length !== parameters.length) {
    notes.push(
      `the optimizer covers ${ids.length} parameters, the state_dict has ${parameters.length}: SGD momentum starts from zero`,
    );
    return { velocities: null, settings };
  }
  const buffers = new Map<string, TorchTensor>();
  parameters.forEach((name, position) => {
    const id = ids[position]!;
    const slot = isPickleKey(id) ? savedState.entries.get(id) : undefined;
    const buffer = asDict(slot)?.entries.get('momentum_buffer');
    if (buffer !== undefined && isKind(buffer, 'extension') && buffer.type === 'torch.Tensor') {
      buffers.set(name, buffer.value as TorchTensor);
    }
  });
  const parts = referenceBiGruParts(config);
  const velocities: (Float32Array | null)[] = [];
  for (const spec of encoderVariableSpecs(config).filter((spec) => spec.trainable)) {
    const sources = parts.get(spec.name)!.map((part) => ({ ...part, name: prefix + QUERY + part.name }));
    const present = sources.filter((part) => buffers.has(part.name));
    if (present.length === 0) {
      velocities.push(null);
      continue;
    }
    if (present.length !== sources.length) {
      notes.push(
        `momentum of ${spec.name}: only some of ${sources.map((part) => part.name).join(', ')} have one; it starts from zero`,
      );
      velocities.push(null);
      continue;
    }
    const arrays = await Promise.all(
      sources.map((part) => floatArray(checkpoint, part.name, buffers.get(part.name)!)),
    );
    velocities.push(
      checkedShape(assemble(arrays, sources), spec.shape, '', sources, checkpoint.source.name).data,
    );
  }
  return { velocities, settings };
}
