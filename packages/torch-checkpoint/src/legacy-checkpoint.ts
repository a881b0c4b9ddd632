import { isKind, type PickleValue, unpickleAt } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type { ByteSource } from './byte-source.js';
import { fail, ReadFailure } from './read-failure.js';
import type { StorageLocation, TorchCheckpoint } from './torch-checkpoint.js';
import { TORCH_CHECKPOINT_POLICY } from './torch-pickle-policy.js';
import { DTYPE_BYTES, isTorchTensor, type TorchStorage } from './torch-tensor.js';

/** `torch.serialization.MAGIC_NUMBER`, the first pickle of a legacy file. */
const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001n;
const FIRST_READ = 1 << 20;

/**
 * The legacy format (`torch.save(..., _use_new_zipfile_serialization=False)`, the default before
 * PyTorch 1.6): five pickles — magic number, protocol version, system info, the value, the list
 * of storage keys — then each storage in that order as an 8-byte element count and its bytes.
 * Reads the pickles and the count headers; the storages stay on disk.
 */
export async function openLegacyCheckpoint(source: ByteSource): Promise<TorchCheckpoint> {
  const { root, keys, dataStart } = await readHead(source);
  const storages = new Map<string, TorchStorage>();
  collectStorages(root, storages);
  const locations = new Map<string, StorageLocation>();
  let position = dataStart;
  for (const key of keys) {
    const storage = storages.get(key);
    if (storage === undefined)
      fail('torch-checkpoint', source.name, `storage key '${key}'`, 'a storage the pickle uses', 'none');
    const header = await source.read(position, 8);
    const bytes = storage.numel * DTYPE_BYTES[storage.dtype];
    if (header.length < 8 || position + 8 + bytes > source.size) {
      fail(
        'torch-checkpoint',
        source.name,
        `storage '${key}' at byte ${position}`,
        `8 + ${bytes} bytes`,
        'the end of the file: it is truncated',
      );
    }
    const count = new DataView(header.buffer, header.byteOffset, 8).getBigInt64(0, true);
    if (count !== BigInt(storage.numel)) {
      fail(
        'torch-checkpoint',
        source.name,
        `storage '${key}' at byte ${position}`,
        `${storage.numel} elements`,
        String(count),
      );
    }
    locations.set(key, { kind: 'range', offset: position + 8, size: bytes });
    position += 8 + bytes;
  }
  return { source, root, storages: locations };
}

/** The five pickles, reading more of the file until they fit (they are small; the storages follow). */
async function readHead(
  source: ByteSource,
): Promise<{ root: PickleValue; keys: string[]; dataStart: number }> {
  for (let length = Math.min(source.size, FIRST_READ); ; length = Math.min(source.size, 2 * length)) {
    const bytes = await source.read(0, length);
    const head = parseHead(bytes, source.name);
    if (E.isRight(head)) return head.right;
    if (length === source.size) throw new ReadFailure(head.left);
  }
}

function parseHead(bytes: Uint8Array, file: string) {
  const values: PickleValue[] = [];
  let position = 0;
  for (let i = 0; i < 5; i += 1) {
    const read = unpickleAt(bytes, file, TORCH_CHECKPOINT_POLICY, position);
    if (E.isLeft(read)) return read;
    values.push(read.right.value);
    position = read.right.end;
  }
  const [magic, protocol, info, root, keys] = values as [
    PickleValue,
    PickleValue,
    PickleValue,
    PickleValue,
    PickleValue,
  ];
  try {
    if (magic !== MAGIC_NUMBER)
      fail('torch-checkpoint', file, 'first pickle', 'PyTorch’s magic number', String(magic));
    if (protocol !== PROTOCOL_VERSION)
      fail('torch-checkpoint', file, 'second pickle', 'protocol version 1001', String(protocol));
    const littleEndian = isKind(info, 'dict') ? info.entries.get('little_endian') : undefined;
    if (littleEndian !== true)
      fail('torch-checkpoint', file, 'system info', 'little_endian: True', String(littleEndian));
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
      fail('torch-checkpoint', file, 'fifth pickle', 'the list of storage keys', typeof keys);
    }
    return E.right({ root, keys: keys as string[], dataStart: position });
  } catch (error) {
    if (error instanceof ReadFailure) return E.left(error.error);
    throw error;
  }
}

/** Every storage a tensor of the value points at, by key. */
function collectStorages(value: PickleValue, into: Map<string, TorchStorage>): void {
  if (isTorchTensor(value)) {
    into.set(value.value.storage.key, value.value.storage);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStorages(item, into);
  } else if (value !== null && typeof value === 'object' && 'kind' in value) {
    if (value.kind === 'tuple') for (const item of value.items) collectStorages(item, into);
    if (value.kind === 'dict') for (const item of value.entries.values()) collectStorages(item, into);
  }
}
