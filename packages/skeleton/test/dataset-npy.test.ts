import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileException, ndArray } from '../src/io/index.js';
import {
  openNpyDataset,
  processedFiles,
  readNpy,
  writeNpy,
  writeSyntheticDataset,
} from '../src/node/index.js';
import { generateSyntheticDataset, syntheticSplit } from '../src/synthetic/index.js';

const dataset = generateSyntheticDataset({
  seed: 4,
  performers: 2,
  cameras: 2,
  replications: 1,
  storedFrames: 120,
  maxFrames: 120,
});
const clipSize = 3 * 120 * 25 * 2;
let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'halp-skeleton-data-'));
  const written = await writeSyntheticDataset(folder, dataset)();
  if (E.isLeft(written)) throw new Error(written.left.message);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeSyntheticDataset + openNpyDataset', () => {
  for (const benchmark of ['xsub', 'xview'] as const) {
    for (const part of ['train', 'val'] as const) {
      it(`round-trips the ${benchmark} ${part} part through .npy and .pkl files`, async () => {
        const opened = await openNpyDataset(join(folder, benchmark), part)();
        if (E.isLeft(opened)) throw new Error(opened.left.message);
        const read = opened.right;
        const indices = syntheticSplit(dataset, benchmark)[part];
        expect(read.length).toBe(indices.length);
        indices.forEach((n, i) => {
          expect(read.name(i)).toBe(dataset.names[n]);
          expect(read.label(i)).toBe(dataset.labels[n]);
          expect(read.validFrames(i)).toBe(dataset.validFrames[n]);
        });
        for (const i of [0, indices.length - 1]) {
          const clip = read.clip(i);
          expect([clip.channels, clip.frames, clip.joints, clip.bodies]).toEqual([3, 120, 25, 2]);
          expect(clip.data).toEqual(
            dataset.data.subarray(indices[i]! * clipSize, (indices[i]! + 1) * clipSize),
          );
        }
        expect(() => read.clip(indices.length)).toThrow(RangeError);
        await read.close();
      });
    }
  }

  it('reports a missing file by name', async () => {
    const opened = await openNpyDataset(join(folder, 'nowhere'), 'train')();
    expect(E.isLeft(opened) && opened.left.file).toBe(
      processedFiles(join(folder, 'nowhere'), 'train').validFrames,
    );
  });

  it('reports files that disagree on the number of samples', async () => {
    const mixed = join(folder, 'mixed');
    const written = await writeSyntheticDataset(mixed, dataset, ['xsub'])();
    expect(E.isRight(written)).toBe(true);
    const train = processedFiles(join(mixed, 'xsub'), 'train');
    const shortened = await writeNpy(train.validFrames, ndArray('int64', [1], BigInt64Array.of(50n)))();
    expect(E.isRight(shortened)).toBe(true);
    const opened = await openNpyDataset(join(mixed, 'xsub'), 'train')();
    expect(E.isLeft(opened) && opened.left.file).toBe(train.validFrames);
  });

  it('refuses a clip with a NaN or an infinite value as it is read, naming the file, sample and position', async () => {
    const broken = join(folder, 'non-finite');
    expect(E.isRight(await writeSyntheticDataset(broken, dataset, ['xsub'])())).toBe(true);
    const train = processedFiles(join(broken, 'xsub'), 'train');
    const read = await readNpy(train.data, { dtype: 'float32' })();
    if (E.isLeft(read)) throw new Error(read.left.message);
    const data = read.right.data as Float32Array;
    // X[3, 0, 5, 2, 0] = inf (N, C, T, V, M), as NumPy would write it; clip 6 is all NaN.
    data[3 * clipSize + (5 * 25 + 2) * 2] = Number.POSITIVE_INFINITY;
    data.fill(Number.NaN, 6 * clipSize, 7 * clipSize);
    expect(E.isRight(await writeNpy(train.data, ndArray('float32', read.right.shape, data))())).toBe(true);
    const opened = await openNpyDataset(join(broken, 'xsub'), 'train')();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const clips = opened.right;
    expect(() => clips.clip(2)).not.toThrow();
    expect(() => clips.clip(3)).toThrow(DataFileException);
    expect(() => clips.clip(3)).toThrow(
      `${train.data}: npy error at sample 3 (${clips.name(3)}), value (c, t, v, m) = (0, 5, 2, 0): expected finite coordinates, found Infinity`,
    );
    expect(() => clips.clip(6)).toThrow(
      /sample 6 \(.+\), value \(c, t, v, m\) = \(0, 0, 0, 0\): expected finite coordinates, found NaN/,
    );
    await clips.close();
  });

  it.each([0, -4])('refuses a num_frame of %i, naming the file and sample', async (count) => {
    const broken = join(folder, `frames${count}`);
    expect(E.isRight(await writeSyntheticDataset(broken, dataset, ['xsub'])())).toBe(true);
    const train = processedFiles(join(broken, 'xsub'), 'train');
    const read = await readNpy(train.validFrames)();
    if (E.isLeft(read) || read.right.dtype !== 'int64') throw new Error('expected int64 frame counts');
    const counts = read.right.data.slice();
    counts[2] = BigInt(count);
    expect(E.isRight(await writeNpy(train.validFrames, ndArray('int64', [counts.length], counts))())).toBe(
      true,
    );
    const opened = await openNpyDataset(join(broken, 'xsub'), 'train')();
    expect(E.isLeft(opened) && opened.left.message).toMatch(
      new RegExp(
        `num_frame\\.npy: npy error at sample 2 \\(.+\\): expected a frame count ≥ 1, found ${count}$`,
      ),
    );
  });
});
