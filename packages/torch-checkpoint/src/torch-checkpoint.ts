import { type DataFileError, type PickleValue, unpickle } from '@halp/skeleton';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ByteSource } from './byte-source.js';
import { crc32 } from './crc32.js';
import { openLegacyCheckpoint } from './legacy-checkpoint.js';
import { attempt, fail, orFail } from './read-failure.js';
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
  /** Where each storage's bytes are, by storage key. */
  readonly storages: ReadonlyMap<string, StorageLocation>;
}

/** A storage's bytes: the archive entry `data/<key>`, or (legacy format) a byte range of the file. */
export type StorageLocation =
  | { readonly kind: 'zip'; readonly entry: ZipEntry }
  | { readonly kind: 'range'; readonly offset: number; readonly size: number };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PICKLE_PROTOCOL_OPCODE = 0x80;

/**
 * Opens a checkpoint written by `torch.save`, in the zip format (PyTorch ≥ 1.6) or the legacy one:
 * reads the archive's directory and its `data.pkl` (legacy: the pickles at the head of the file and
 * the storages' size headers) through an allow-list of globals (no code from the file runs), and
 * nothing else. Storages saved from a GPU (`cuda:0`) are read as CPU storages. A Left names the
 * file: neither format, a truncated file, a global outside the allow-list, a storage it lacks.
 */
export function openTorchCheckpoint(source: ByteSource): TE.TaskEither<DataFileError, TorchCheckpoint> {
  return attempt(async () => {
    const head = await source.read(0, 4);
    if (head[0] === PICKLE_PROTOCOL_OPCODE) return openLegacyCheckpoint(source);
    if (!ZIP_MAGIC.every((byte, i) => head[i] === byte)) {
      fail(
        'torch-checkpoint',
        source.name,
        'byte 0',
        'a PyTorch checkpoint (a zip archive, or the legacy format’s pickles)',
        head.length === 0
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
    const storages = new Map<string, StorageLocation>();
    for (const entry of entries) {
      if (entry.name.startsWith(`${prefix}data/`)) {
        storages.set(entry.name.slice(prefix.length + 5), { kind: 'zip', entry });
      }
    }
    const pickle = await entryBytes(source, pickleEntry);
    const root = orFail(unpickle(pickle, `${source.name} (${pickleEntry.name})`, TORCH_CHECKPOINT_POLICY));
    return { source, root, storages };
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
    const location = checkpoint.storages.get(storage.key);
    const where = `storage data/${storage.key}`;
    if (location === undefined) fail('torch-checkpoint', source.name, where, 'the storage’s bytes', 'none');
    const size = location.kind === 'zip' ? location.entry.size : location.size;
    const itemBytes = DTYPE_BYTES[storage.dtype];
    if (size < storage.numel * itemBytes) {
      fail('torch-checkpoint', source.name, where, `${storage.numel * itemBytes} bytes`, `${size} bytes`);
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
    const start = location.kind === 'zip' ? await storedEntryStart(source, location.entry) : location.offset;
    const spanLength = count === 0 ? 0 : last - storageOffset + 1;
    const raw = await source.read(start + storageOffset * itemBytes, spanLength * itemBytes);
    if (raw.length !== spanLength * itemBytes) {
      fail(
        'zip',
        source.name,
        where,
        `${spanLength * itemBytes} bytes`,
        `${raw.length}: the file is truncated`,
      );
    }
    // A view of the whole storage (every state_dict tensor) is checked against the archive's CRC.
    if (location.kind === 'zip' && raw.length === location.entry.size) checkCrc(source, location.entry, raw);
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
  const bytes = await source.read(await storedEntryStart(source, entry), entry.size);
  checkCrc(source, entry, bytes);
  return bytes;
}

/** Refuses bytes whose CRC-32 is not the one the archive recorded (a corrupted file). */
function checkCrc(source: ByteSource, entry: ZipEntry, bytes: Uint8Array): void {
  const crc = crc32(bytes);
  if (crc !== entry.crc) {
    const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;
    fail('zip', source.name, entry.name, `CRC-32 ${hex(entry.crc)}`, `${hex(crc)}: the file is corrupted`);
  }
}

/** Where a stored entry's data starts; compressed entries (never written by torch.save) are refused. */
async function storedEntryStart(source: ByteSource, entry: ZipEntry): Promise<number> {
  if (entry.compression !== 0) {
    fail(
      'zip',
      source.name,
      entry.name,
      'a stored (uncompressed) entry, as torch.save writes',
      `compression ${entry.compression}`,
    );
  }
  return entryDataOffset(source, entry);
}
