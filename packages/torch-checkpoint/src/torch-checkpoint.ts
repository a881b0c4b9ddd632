import { type DataFileError, type PickleValue, unpickle } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ByteSource } from './byte-source.js';
import { fail, ReadFailure } from './read-failure.js';
import { TORCH_CHECKPOINT_POLICY } from './torch-pickle-policy.js';
import { DTYPE_BYTES, elementCount, type TensorData, type TorchTensor } from './torch-tensor.js';
import { entryDataOffset, readZipDirectory, type ZipEntry } from './zip-directory.js';

/**
 * An opened `torch.save` checkpoint: the value it pickled (`{'epoch', 'state_dict', 'optimizer'}`
 * for the references' training scripts), with every tensor a {@link TorchTensor} whose values stay
 * on disk until {@link readTensor} asks for them.
 */
export interface TorchCheckpoint {
  readonly source: ByteSource;
  readonly root: PickleValue;
  /** `data/<key>` entries of the archive, by storage key. */
  readonly storages: ReadonlyMap<string, ZipEntry>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PICKLE_PROTOCOL_OPCODE = 0x80;

/**
 * Opens a checkpoint written by `torch.save` (the zip format, PyTorch ≥ 1.6): reads the archive's
 * directory and its `data.pkl` through an allow-list of globals (no code from the file runs), and
 * nothing else. Storages saved from a GPU (`cuda:0`) are read as CPU storages. A Left names the
 * file: not a zip archive (the legacy pre-1.6 format is named as such), a truncated archive, a
 * global outside the allow-list, a storage the archive lacks.
 */
export function openTorchCheckpoint(source: ByteSource): TE.TaskEither<DataFileError, TorchCheckpoint> {
  return attempt(async () => {
    const head = await source.read(0, 4);
    if (!ZIP_MAGIC.every((byte, i) => head[i] === byte)) {
      const legacy = head[0] === PICKLE_PROTOCOL_OPCODE;
      fail(
        'torch-checkpoint',
        source.name,
        'byte 0',
        'a PyTorch checkpoint (a zip archive, as torch.save writes since PyTorch 1.6)',
        legacy
          ? 'a bare pickle: the legacy pre-1.6 format, not read here; re-save it with a current torch.save'
          : head.length === 0
            ? 'an empty file'
            : `bytes ${[...head].map((byte) => byte.toString(16).padStart(2, '0')).join(' ')}`,
      );
    }
    const entries = await readZipDirectory(source);
    const pickleEntry = entries.find(
      (entry) => entry.name === 'data.pkl' || entry.name.endsWith('/data.pkl'),
    );
    if (pickleEntry === undefined) {
      fail(
        'torch-checkpoint',
        source.name,
        'zip directory',
        'a <name>/data.pkl entry (torch.save)',
        `${entries.length} entries without one (${entries
          .slice(0, 3)
          .map((entry) => entry.name)
          .join(', ')}${entries.length > 3 ? ', …' : ''})`,
      );
    }
    const prefix = pickleEntry.name.slice(0, pickleEntry.name.length - 'data.pkl'.length);
    const storages = new Map<string, ZipEntry>();
    for (const entry of entries) {
      if (entry.name.startsWith(`${prefix}data/`)) storages.set(entry.name.slice(prefix.length + 5), entry);
    }
    const pickle = await entryBytes(source, pickleEntry);
    const root = unpickle(pickle, `${source.name} (${pickleEntry.name})`, TORCH_CHECKPOINT_POLICY);
    if (E.isLeft(root)) throw new ReadFailure(root.left);
    return { source, root: root.right, storages };
  });
}

/**
 * Reads one tensor's values, contiguous in its shape: only the bytes of its storage that the
 * tensor covers are read. Floating-point tensors of 16 bits come back as float32.
 */
export function readTensor(
  checkpoint: TorchCheckpoint,
  tensor: TorchTensor,
): TE.TaskEither<DataFileError, TensorData> {
  return attempt(async () => {
    const { source } = checkpoint;
    const { storage, shape, stride, storageOffset } = tensor;
    const entry = checkpoint.storages.get(storage.key);
    const where = `storage data/${storage.key}`;
    if (entry === undefined)
      fail('torch-checkpoint', source.name, where, 'an archive entry for the storage', 'none');
    const itemBytes = DTYPE_BYTES[storage.dtype];
    if (entry.size < storage.numel * itemBytes) {
      fail(
        'torch-checkpoint',
        source.name,
        where,
        `${storage.numel * itemBytes} bytes`,
        `${entry.size} bytes`,
      );
    }
    const count = elementCount(shape);
    // The span of storage elements the view touches: [storageOffset, last + 1).
    const last = storageOffset + shape.reduce((sum, size, axis) => sum + (size - 1) * stride[axis]!, 0);
    if (count > 0 && last >= storage.numel) {
      fail(
        'torch-checkpoint',
        source.name,
        where,
        `a view inside its ${storage.numel} elements`,
        `shape [${shape}], stride [${stride}], offset ${storageOffset}`,
      );
    }
    if (entry.compression !== 0) {
      fail(
        'zip',
        source.name,
        where,
        'a stored (uncompressed) entry, as torch.save writes',
        `compression ${entry.compression}`,
      );
    }
    const start = await entryDataOffset(source, entry);
    const spanLength = count === 0 ? 0 : last - storageOffset + 1;
    const raw = await source.read(start + storageOffset * itemBytes, spanLength * itemBytes);
    if (raw.length !== spanLength * itemBytes) {
      fail(
        'zip',
        source.name,
        where,
        `${spanLength * itemBytes} bytes`,
        `${raw.length}: the archive is truncated`,
      );
    }
    const span = decode(storage.dtype, raw, spanLength);
    return { dtype: outputDtype(storage.dtype), shape, data: gather(span, shape, stride) };
  });
}

type Values = TensorData['data'];

function decode(dtype: TensorData['dtype'], raw: Uint8Array, length: number): Values {
  // Copy into an aligned buffer (entries are 64-byte aligned by torch, but not slices of a Blob).
  const bytes = raw.slice();
  const view = new DataView(bytes.buffer);
  switch (dtype) {
    case 'float32':
      return new Float32Array(bytes.buffer, 0, length);
    case 'float64':
      return new Float64Array(bytes.buffer, 0, length);
    case 'int64':
      return new BigInt64Array(bytes.buffer, 0, length);
    case 'int32':
      return new Int32Array(bytes.buffer, 0, length);
    case 'int16':
      return new Int16Array(bytes.buffer, 0, length);
    case 'int8':
      return new Int8Array(bytes.buffer, 0, length);
    case 'uint8':
    case 'bool':
      return bytes;
    case 'float16':
      return Float32Array.from({ length }, (_, i) => halfToFloat(view.getUint16(2 * i, true)));
    case 'bfloat16':
      return Float32Array.from({ length }, (_, i) => bfloat16ToFloat(view.getUint16(2 * i, true)));
  }
}

function outputDtype(dtype: TensorData['dtype']): TensorData['dtype'] {
  return dtype === 'float16' || dtype === 'bfloat16' ? 'float32' : dtype;
}

/** The view's elements in row-major order (the span itself when the view is contiguous). */
function gather(span: Values, shape: readonly number[], stride: readonly number[]): Values {
  const count = elementCount(shape);
  let contiguous = true;
  for (let axis = shape.length - 1, expected = 1; axis >= 0; axis -= 1) {
    if (shape[axis]! > 1 && stride[axis] !== expected) contiguous = false;
    expected *= shape[axis]!;
  }
  if (contiguous) return span.subarray(0, count) as Values;
  const output = new (span.constructor as new (length: number) => Values)(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i += 1) {
    let offset = 0;
    for (let axis = 0; axis < shape.length; axis += 1) offset += index[axis]! * stride[axis]!;
    output[i] = span[offset]!;
    for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
      index[axis]! += 1;
      if (index[axis]! < shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return output;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function bfloat16ToFloat(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

async function entryBytes(source: ByteSource, entry: ZipEntry): Promise<Uint8Array> {
  if (entry.compression !== 0) {
    fail(
      'zip',
      source.name,
      entry.name,
      'a stored (uncompressed) entry, as torch.save writes',
      `compression ${entry.compression}`,
    );
  }
  const start = await entryDataOffset(source, entry);
  return source.read(start, entry.size);
}

/** Runs a reader, turning its {@link ReadFailure} into a Left and anything else into a rejection. */
function attempt<T>(run: () => Promise<T>): TE.TaskEither<DataFileError, T> {
  return async () => {
    try {
      return E.right(await run());
    } catch (error) {
      if (error instanceof ReadFailure) return E.left(error.error);
      throw error;
    }
  };
}
