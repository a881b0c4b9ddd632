import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/node/prepare/prepare.js';
import { ntu60XSub } from '../src/prepare/splits.js';

const scratch = await mkdtemp(path.join(tmpdir(), 'halp-prepare-empty-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('prepare on a folder without samples', () => {
  it('refuses, naming the folder and what it looked for, and writes nothing', async () => {
    const rawDir = path.join(scratch, 'raw');
    await mkdir(rawDir);
    const outDir = path.join(scratch, 'out');
    const result = await prepare({ rawDir, outDir, split: ntu60XSub })();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: {
        file: rawDir,
        message: `${rawDir}: io error at folder: expected .skeleton files of the train part of ntu60-xsub, found none`,
      },
    });
    expect(existsSync(path.join(outDir, 'train_data_joint.npy'))).toBe(false);
  });
});
