import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listNtuSamples } from '../src/node/prepare/ntu-samples.js';
import { pkuIntervalTracks } from '../src/prepare/pku-interval-tracks.js';
import { ntu60XView } from '../src/prepare/splits.js';
import type { PkuSkeleton } from '../src/raw/pku-skeleton.js';

const scratch = await mkdtemp(path.join(tmpdir(), 'halp-samples-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** 4 frames; value = frame * 1000 + column, so every entry says where it came from. */
const skeleton: PkuSkeleton = {
  file: 'A.txt',
  frameCount: 4,
  values: Float64Array.from({ length: 4 * 150 }, (_, i) => Math.floor(i / 150) * 1000 + (i % 150)),
};

describe('pkuIntervalTracks', () => {
  it('takes rows [start, end), columns 0-74 as body 0 and 75-149 as body 1', () => {
    const result = pkuIntervalTracks(skeleton, { label: 0, start: 1, end: 3, confidence: 1 }, 'L.txt');
    if (result._tag === 'Left') throw new Error(result.left.message);
    expect(result.right.frameCount).toBe(2);
    expect(result.right.tracks[0]![0]).toBe(1000);
    expect(result.right.tracks[1]![0]).toBe(1075);
    expect(result.right.tracks[1]![75 + 74]).toBe(2149);
  });

  it('cuts an interval running past the last frame, as the reference', () => {
    const result = pkuIntervalTracks(skeleton, { label: 0, start: 2, end: 40, confidence: 1 }, 'L.txt');
    expect(result).toMatchObject({ _tag: 'Right', right: { frameCount: 2 } });
  });

  it('rejects an interval starting after the last frame instead of producing an empty sample', () => {
    expect(pkuIntervalTracks(skeleton, { label: 0, start: 4, end: 9, confidence: 1 }, 'L.txt')).toMatchObject(
      {
        _tag: 'Left',
        left: { format: 'pku-label', file: 'L.txt', position: 'interval [4, 9)', found: '4' },
      },
    );
  });
});

describe('listNtuSamples', () => {
  it('lists .skeleton files only, sorted, skipping the missing ones', async () => {
    const dir = path.join(scratch, 'ntu');
    await mkdir(dir);
    const names = [
      'S001C003P001R001A002',
      'S001C002P001R001A010',
      'S001C001P001R001A001',
      'S001C002P002R001A003',
    ];
    for (const name of names) await writeFile(path.join(dir, `${name}.skeleton`), '0\n');
    await writeFile(path.join(dir, 'README.txt'), 'not a sample');
    const result = await listNtuSamples(dir, ntu60XView, 'train', {
      missingSkeletons: ['S001C002P002R001A003'],
    })();
    expect(result).toMatchObject({
      _tag: 'Right',
      right: [
        { name: 'S001C002P001R001A010.skeleton', label: 9 },
        { name: 'S001C003P001R001A002.skeleton', label: 1 },
      ],
    });
  });

  it('rejects a .skeleton file whose name is not an NTU name', async () => {
    const dir = path.join(scratch, 'ntu-bad');
    await mkdir(dir);
    await writeFile(path.join(dir, 'copy of S001C001P001R001A001.skeleton'), '0\n');
    const result = await listNtuSamples(dir, ntu60XView, 'val')();
    expect(result).toMatchObject({ _tag: 'Left', left: { position: 'file name' } });
  });

  it('reports a missing folder as an error value', async () => {
    const result = await listNtuSamples(path.join(scratch, 'absent'), ntu60XView, 'val')();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { format: 'io', file: path.join(scratch, 'absent') },
    });
  });
});
