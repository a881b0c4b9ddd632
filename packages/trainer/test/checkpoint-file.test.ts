import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint } from '../src/node/checkpoint-file.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'halp-checkpoint-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const contents = {
  metadata: { epoch: 3, note: 'x' },
  tensors: new Map([
    ['a', { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) }],
    ['b', { shape: [3], data: Float32Array.from([-1, 0.5, 7]) }],
  ]),
};

describe('checkpoint files', () => {
  it('round-trips metadata and tensors and leaves no temporary folder', async () => {
    const path = await writeCheckpoint(directory, 'epoch-0003', contents);
    const read = await readCheckpoint(path);
    expect(E.isRight(read)).toBe(true);
    if (E.isRight(read)) {
      expect(read.right.metadata).toEqual(contents.metadata);
      expect(Array.from(read.right.tensors.get('b')!.data)).toEqual([-1, 0.5, 7]);
      expect(read.right.tensors.get('a')!.shape).toEqual([2, 2]);
    }
    expect((await readdir(directory)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('replaces a checkpoint of the same name', async () => {
    await writeCheckpoint(directory, 'latest', contents);
    const path = await writeCheckpoint(directory, 'latest', { ...contents, metadata: { epoch: 4 } });
    const read = await readCheckpoint(path);
    expect(E.isRight(read) && read.right.metadata.epoch).toBe(4);
  });

  it('refuses a tensor whose shape does not match its data, writing nothing', async () => {
    const bad = { metadata: {}, tensors: new Map([['a', { shape: [3], data: new Float32Array(2) }]]) };
    await expect(writeCheckpoint(directory, 'bad', bad)).rejects.toThrow(/shape \[3\] needs 3 values/);
    expect(await readdir(directory)).not.toContain('bad');
  });

  it('gives typed errors for missing, corrupt and truncated checkpoints', async () => {
    const missing = await readCheckpoint(join(directory, 'nope'));
    expect(E.isLeft(missing) && missing.left.message).toMatch(/cannot read checkpoint/);
    const path = await writeCheckpoint(directory, 'broken', contents);
    await writeFile(join(path, 'tensors.bin'), new Uint8Array(8));
    const truncated = await readCheckpoint(path);
    expect(E.isLeft(truncated) && truncated.left.message).toMatch(/tensor a needs values up to 4/);
    await writeFile(join(path, 'checkpoint.json'), '{"format": "other"}');
    const foreign = await readCheckpoint(path);
    expect(E.isLeft(foreign) && foreign.left.message).toMatch(/halp-checkpoint/);
  });
});
