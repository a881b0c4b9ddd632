import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelPickle } from '../src/node/io/label-pickle-file.js';
import { readNpy } from '../src/node/io/read-npy.js';
import { type PrepareProgress, prepare } from '../src/node/prepare/prepare.js';
import { ntu60XSub, ntu60XView, pkuXSub, pkuXView, type Split } from '../src/prepare/splits.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const ntuRaw = path.join(fixtures, 'ntu-raw/nturgb+d_skeletons');
const CLIP_SIZE = 3 * 300 * 25 * 2;
const scratch = await mkdtemp(path.join(tmpdir(), 'halp-prepare-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function right<A>(
  task: () => Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>,
) {
  const result = await task();
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
}

/** The three outputs of a part, samples keyed by name. */
async function readPart(folder: string, part: string) {
  const data = await right(readNpy(path.join(folder, `${part}_data_joint.npy`), { dtype: 'float32' }));
  const numFrame = await right(readNpy(path.join(folder, `${part}_num_frame.npy`), { dtype: 'int64' }));
  const { names, labels } = await right(readLabelPickle(path.join(folder, `${part}_label.pkl`)));
  expect(data.shape).toEqual([names.length, 3, 300, 25, 2]);
  return {
    names,
    samples: new Map(
      names.map((name, i) => [
        name,
        {
          label: labels[i],
          numFrame: Number(numFrame.data[i]),
          clip: data.data.subarray(i * CLIP_SIZE, (i + 1) * CLIP_SIZE),
        },
      ]),
    ),
  };
}

async function expectEqualToReference(outDir: string, referenceDir: string, parts: readonly string[]) {
  for (const part of parts) {
    const ours = await readPart(outDir, part);
    const reference = await readPart(referenceDir, part);
    expect(ours.names).toEqual([...reference.names].sort());
    for (const [name, expected] of reference.samples) {
      const actual = ours.samples.get(name)!;
      expect({ label: actual.label, numFrame: actual.numFrame }).toEqual({
        label: expected.label,
        numFrame: expected.numFrame,
      });
      const maxError = actual.clip.reduce(
        (max, value, i) => Math.max(max, Math.abs(value - expected.clip[i]!)),
        0,
      );
      expect(maxError, name).toBeLessThanOrEqual(1e-5);
    }
  }
}

describe.skipIf(!existsSync(fixtures))('prepare', () => {
  it.each<[string, string, Split, string]>([
    ['NTU-60 x-sub', ntuRaw, ntu60XSub, 'ntu-processed/xsub'],
    ['NTU-60 x-view', ntuRaw, ntu60XView, 'ntu-processed/xview'],
    ['PKU-MMD II x-sub', path.join(fixtures, 'pku-raw'), pkuXSub, 'pku-processed/xsub'],
    ['PKU-MMD II x-view', path.join(fixtures, 'pku-raw'), pkuXView, 'pku-processed/xview'],
  ])(
    'writes the %s outputs of the reference, atomically and without leftovers',
    async (_, rawDir, split, reference) => {
      const outDir = path.join(scratch, split.name);
      const parts = await right(prepare({ rawDir, outDir, split, chunkSize: 2 }));
      expect(parts.map((part) => part.part)).toEqual(['train', 'val']);
      await expectEqualToReference(outDir, path.join(fixtures, reference), ['train', 'val']);
      expect((await readdir(outDir)).sort()).toEqual(
        ['train', 'val'].flatMap((part) => [
          `${part}_data_joint.npy`,
          `${part}_label.pkl`,
          `${part}_num_frame.npy`,
        ]),
      );
    },
  );

  it('resumes an interrupted run from its last completed chunk', async () => {
    const outDir = path.join(scratch, 'resume');
    const interrupted = prepare({
      rawDir: ntuRaw,
      outDir,
      split: ntu60XSub,
      parts: ['val'],
      chunkSize: 2,
      onProgress: ({ completed }) => {
        if (completed === 3) throw new Error('interrupted');
      },
    });
    await expect(interrupted()).rejects.toThrow('interrupted');
    expect(existsSync(path.join(outDir, 'val_data_joint.npy'))).toBe(false);

    const progress: PrepareProgress[] = [];
    const resumed = prepare({
      rawDir: ntuRaw,
      outDir,
      split: ntu60XSub,
      parts: ['val'],
      chunkSize: 2,
      resume: true,
      onProgress: (event) => progress.push(event),
    });
    await right(resumed);
    // Chunk 0 (2 samples) comes from the first run; only chunk 1 is processed again.
    expect(progress.map(({ completed, sample }) => [completed, sample !== undefined])).toEqual([
      [2, false],
      [3, true],
      [4, true],
    ]);
    await expectEqualToReference(outDir, path.join(fixtures, 'ntu-processed/xsub'), ['val']);
  });

  it('starts over when not asked to resume', async () => {
    const outDir = path.join(scratch, 'restart');
    const options = { rawDir: ntuRaw, outDir, split: ntu60XSub, parts: ['val'] as const, chunkSize: 2 };
    const interrupted = prepare({
      ...options,
      onProgress: ({ completed }) => {
        if (completed === 3) throw new Error('interrupted');
      },
    });
    await expect(interrupted()).rejects.toThrow('interrupted');
    const processed: string[] = [];
    await right(prepare({ ...options, onProgress: ({ sample }) => sample && processed.push(sample) }));
    expect(processed).toHaveLength(4);
  });

  it('stops at the first broken file with an error naming it, writing no output', async () => {
    const rawDir = path.join(scratch, 'broken-raw');
    await mkdir(rawDir, { recursive: true });
    await copyFile(
      path.join(ntuRaw, 'S001C001P001R001A001.skeleton'),
      path.join(rawDir, 'S001C001P001R001A001.skeleton'),
    );
    const broken = path.join(rawDir, 'S002C001P001R001A001.skeleton');
    await copyFile(path.join(fixtures, 'formats/broken_non_numeric.skeleton'), broken);
    const outDir = path.join(scratch, 'broken-out');
    const result = await prepare({ rawDir, outDir, split: ntu60XSub, parts: ['train'] })();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { format: 'ntu-skeleton', file: broken, position: 'line 68 (frame 2, body 0, joint 7, y)' },
    });
    expect(existsSync(path.join(outDir, 'train_data_joint.npy'))).toBe(false);
  });

  it('keeps a sample without any body as zeros, like the reference, and reports it', async () => {
    const rawDir = path.join(scratch, 'empty-raw');
    await mkdir(rawDir, { recursive: true });
    await copyFile(
      path.join(ntuRaw, 'S001C001P001R001A001.skeleton'),
      path.join(rawDir, 'S001C001P001R001A001.skeleton'),
    );
    await writeFile(path.join(rawDir, 'S001C001P002R001A005.skeleton'), '3\n0\n0\n0\n');
    const outDir = path.join(scratch, 'empty-out');
    const [train] = await right(prepare({ rawDir, outDir, split: ntu60XSub, parts: ['train'] }));
    expect(train!.emptySamples).toEqual(['S001C001P002R001A005.skeleton']);
    const { samples } = await readPart(outDir, 'train');
    const empty = samples.get('S001C001P002R001A005.skeleton')!;
    expect({ label: empty.label, numFrame: empty.numFrame, zeros: empty.clip.every((v) => v === 0) }).toEqual(
      {
        label: 4,
        numFrame: 3,
        zeros: true,
      },
    );
  });

  it('skips the samples of the missing-skeleton list', async () => {
    const outDir = path.join(scratch, 'missing');
    await right(
      prepare({
        rawDir: ntuRaw,
        outDir,
        split: ntu60XSub,
        parts: ['train'],
        missingSkeletons: ['S005C003P008R001A058', 'S007C001P016R002A023.skeleton'],
      }),
    );
    const { names } = await readPart(outDir, 'train');
    expect(names).toEqual(['S001C001P001R001A001.skeleton']);
  });
});
