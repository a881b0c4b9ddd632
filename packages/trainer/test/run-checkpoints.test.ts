import { mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointLatest, writeCheckpoint } from '../src/node/checkpoint-file.js';
import { checkpointSchedule } from '../src/node/run-checkpoints.js';
import { tinyConfig } from './helpers.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-run-checkpoints-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const contents = (epoch: number) => ({
  metadata: { epoch },
  tensors: new Map([['w', { shape: [1], data: Float32Array.of(epoch) }]]),
});

describe('checkpointSchedule at the start of a run', () => {
  it('removes leftovers, and a run resumed from an earlier checkpoint of the folder points latest at it first', async () => {
    const directory = join(scratch, 'checkpoints');
    for (const epoch of [1, 2, 3]) await writeCheckpoint(directory, `epoch-000${epoch}`, contents(epoch));
    await pointLatest(directory, 'epoch-0003');
    await writeFile(join(directory, '.epoch-0004.tmp-1-1'), 'half');
    const config = tinyConfig({ epochs: 3, checkpoint: { directory, every: 1 } });
    const schedule = await checkpointSchedule(config, join(directory, 'epoch-0001'));
    // Epochs 2 and 3 are about to be rewritten: latest must not name one of them meanwhile.
    expect(await readlink(join(directory, 'latest'))).toBe('epoch-0001');
    expect(schedule.last).toBe(join(directory, 'epoch-0001'));
    await expect(readlink(join(directory, '.epoch-0004.tmp-1-1'))).rejects.toThrow(/ENOENT/);
  });
});
