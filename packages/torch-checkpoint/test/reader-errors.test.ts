import { isKind } from '@halp/skeleton';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  importReferenceMoco,
  isTorchTensor,
  openTorchCheckpoint,
  readTensor,
  stateDict,
} from '../src/index.js';
import { openTorchCheckpointFile } from '../src/node/index.js';
import { fixtureBytes, fixturePath, leftOf, rightOf } from './fixtures.js';

const open = (bytes: Uint8Array, name = 'x.pth.tar') => openTorchCheckpoint(bytesSource(bytes, name))();

describe('what the reader refuses, with the file and the reason', () => {
  it('a file that is not a checkpoint names its first bytes', async () => {
    const error = leftOf(await open(new TextEncoder().encode('{"not": "a checkpoint"}'), 'notes.json'));
    expect(error).toMatchObject({ format: 'torch-checkpoint', file: 'notes.json', position: 'byte 0' });
    expect(error.found).toBe('bytes 7b 22 6e 6f');
  });

  it('an empty file', async () => {
    expect(leftOf(await open(new Uint8Array(0), 'empty.pth')).found).toBe('an empty file');
  });

  it('a global outside the allow-list is refused, never run, naming the file and the global', async () => {
    const error = leftOf(await open(fixtureBytes('evil.pth'), 'evil.pth'));
    expect(error.format).toBe('pickle');
    expect(error.file).toBe('evil.pth (evil/data.pkl)');
    expect(error.found).toBe('posix.system (refused: never executed)');
    expect(error.expected).toContain('torch._utils._rebuild_tensor_v2');
  });

  it('any truncation of a checkpoint is a Left naming the file, never a throw', async () => {
    const bytes = fixtureBytes('baseline.pth.tar');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (length) => {
        const error = leftOf(await open(bytes.subarray(0, length), 'cut.pth.tar'));
        expect(error.file.startsWith('cut.pth.tar')).toBe(true);
        expect(['zip', 'torch-checkpoint']).toContain(error.format);
      }),
      { numRuns: 60 },
    );
  });

  it('a storage whose bytes are missing is a Left when its tensor is read', async () => {
    const bytes = fixtureBytes('baseline.pth.tar').slice();
    const checkpoint = rightOf(await open(bytes, 'holes.pth.tar'));
    const queue = rightOf(stateDict(checkpoint)).get('queue')!;
    const location = checkpoint.storages.get(queue.storage.key)!;
    if (location.kind !== 'zip') throw new Error('a zip fixture');
    const { entry } = location;
    // The directory claims fewer bytes than the storage holds.
    const broken = {
      ...checkpoint,
      storages: new Map([
        [queue.storage.key, { kind: 'zip' as const, entry: { ...entry, size: entry.size - 4 } }],
      ]),
    };
    const error = leftOf(await readTensor(broken, queue)());
    expect(error).toMatchObject({ file: 'holes.pth.tar', position: `storage data/${queue.storage.key}` });
  });

  it('a corrupted byte in a storage or in data.pkl is caught by the archive’s CRC', async () => {
    const bytes = fixtureBytes('baseline.pth.tar');
    const checkpoint = rightOf(await open(bytes, 'x'));
    const queue = rightOf(stateDict(checkpoint)).get('queue')!;
    const location = checkpoint.storages.get(queue.storage.key)!;
    if (location.kind !== 'zip') throw new Error('a zip fixture');
    // The queue's data starts after its local header: 30 bytes, the name, the extra field.
    const header = new DataView(bytes.buffer, bytes.byteOffset + location.entry.localHeaderOffset, 30);
    const start =
      location.entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
    const corrupted = bytes.slice();
    corrupted[start + 100] ^= 0x01;
    const reopened = rightOf(await open(corrupted, 'flipped.pth.tar'));
    const error = leftOf(await readTensor(reopened, queue)());
    expect(error).toMatchObject({ format: 'zip', file: 'flipped.pth.tar' });
    expect(error.found).toMatch(/the file is corrupted$/);
    const pickleAt = bytes.findIndex((_, i) => bytes[i] === 0x80 && bytes[i + 1] === 0x02 && i > 30);
    const badPickle = bytes.slice();
    badPickle[pickleAt + 40] ^= 0x01;
    expect(leftOf(await open(badPickle, 'pkl.pth.tar')).found).toMatch(/corrupted/);
  });

  it('a file that does not exist is an io error naming it', async () => {
    const error = leftOf(await openTorchCheckpointFile(fixturePath('missing.pth.tar'))());
    expect(error.format).toBe('io');
    expect(error.file).toContain('missing.pth.tar');
  });

  it('a checkpoint that holds no MoCo BiGRU says what it holds', async () => {
    const checkpoint = rightOf(await open(fixtureBytes('other.pth'), 'other.pth'));
    const error = leftOf(await importReferenceMoco(checkpoint)());
    expect(error).toMatchObject({ file: 'other.pth', position: 'state_dict' });
    expect(error.found).toBe('transposed, half, double');
  });
});

describe('what the reader reads', () => {
  it('the state_dict in saved order, with the storages’ devices (cuda:0 read as CPU)', async () => {
    const plain = rightOf(await open(fixtureBytes('baseline.pth.tar')));
    const names = [...rightOf(stateDict(plain)).keys()];
    expect(names.slice(0, 3)).toEqual(['queue', 'queue_ptr', 'encoder_q.encoder.gru.weight_ih_l0']);
    expect(rightOf(stateDict(plain)).get('queue')!.storage.location).toBe('cpu');
    const ddp = rightOf(await open(fixtureBytes('halp-ddp-cuda.pth.tar')));
    const tensors = rightOf(stateDict(ddp));
    expect([...tensors.keys()].every((name) => name.startsWith('module.'))).toBe(true);
    expect(tensors.get('module.queue')!.storage.location).toBe('cuda:0');
    const pointer = rightOf(await readTensor(ddp, tensors.get('module.queue_ptr')!)());
    expect(pointer.dtype).toBe('int64');
    expect(pointer.data).toBeInstanceOf(BigInt64Array);
  });

  it('the optimizer’s settings as saved', async () => {
    const checkpoint = rightOf(await open(fixtureBytes('baseline.pth.tar')));
    const model = rightOf(await importReferenceMoco(checkpoint)());
    expect(model.optimizer).toEqual({ learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4 });
    expect(model.notes).toEqual([]);
    const root = checkpoint.root;
    expect(isKind(root, 'dict') && [...root.entries.keys()]).toEqual(['epoch', 'state_dict', 'optimizer']);
    expect(isTorchTensor(isKind(root, 'dict') ? root.entries.get('epoch') : undefined)).toBe(false);
  });
});

it('strided views, float16 and float64 tensors decode as PyTorch holds them', async () => {
  const checkpoint = rightOf(await open(fixtureBytes('other.pth'), 'other.pth'));
  const tensors = rightOf(stateDict(checkpoint));
  const transposed = rightOf(await readTensor(checkpoint, tensors.get('transposed')!)());
  expect(transposed.shape).toEqual([3, 2]);
  expect([...transposed.data]).toEqual([0, 3, 1, 4, 2, 5]);
  const half = rightOf(await readTensor(checkpoint, tensors.get('half')!)());
  expect(half.dtype).toBe('float32');
  expect([...half.data]).toEqual([1.5, -2, 65504, 2 ** -24]);
  const double = rightOf(await readTensor(checkpoint, tensors.get('double')!)());
  expect([...double.data]).toEqual([0.1, -1e300]);
});

describe('the legacy (pre-1.6) format', () => {
  it('reads its tensors, views of a shared storage and int64 included', async () => {
    const checkpoint = rightOf(await open(fixtureBytes('legacy.pth'), 'legacy.pth'));
    const tensors = rightOf(stateDict(checkpoint));
    const values = async (name: string) => [
      ...rightOf(await readTensor(checkpoint, tensors.get(name)!)()).data,
    ];
    expect(await values('w')).toEqual([1, 1]);
    expect(await values('transposed')).toEqual([0, 3, 1, 4, 2, 5]);
    expect(await values('row')).toEqual([3, 4, 5]);
    expect(await values('long')).toEqual([5n, -7n]);
  });

  it('any truncation is a Left naming the file, never a throw', async () => {
    const bytes = fixtureBytes('legacy.pth');
    for (let length = 1; length < bytes.length; length += 1) {
      const error = leftOf(await open(bytes.subarray(0, length), 'cut.pth'));
      expect(error.file.startsWith('cut.pth')).toBe(true);
    }
  });
});
