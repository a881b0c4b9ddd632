import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ntu60XSub, ntu60XView, ntu120XSet, ntu120XSub, ntuPart } from '../src/prepare/splits.js';
import { parseNtuSampleName } from '../src/raw/ntu-sample-name.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');

describe('NTU splits', () => {
  it('have the training sets of the spec', () => {
    expect(ntu60XSub.training).toHaveLength(20);
    expect(ntu120XSub.training).toHaveLength(53);
    expect(ntu120XSub.training).toEqual(expect.arrayContaining([...ntu60XSub.training]));
    expect(ntu120XSub.training).toEqual(expect.arrayContaining([45, 59, 70, 103]));
    expect(ntu60XView.training).toEqual([2, 3]);
    expect(ntu120XSet.training).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]);
  });

  it('parse sample names strictly', () => {
    expect(parseNtuSampleName('S017C003P020R002A120.skeleton')).toEqual({
      _tag: 'Right',
      right: { setup: 17, camera: 3, subject: 20, replication: 2, action: 120 },
    });
    expect(parseNtuSampleName('S017C003P020R002A120')._tag).toBe('Right');
    expect(parseNtuSampleName('notes.skeleton')).toMatchObject({
      _tag: 'Left',
      left: { file: 'notes.skeleton', position: 'file name', expected: 'SsssCcccPpppRrrrAaaa[.skeleton]' },
    });
  });
});

describe.skipIf(!existsSync(fixtures))('NTU splits on the fixtures', () => {
  const manifest = JSON.parse(readFileSync(path.join(fixtures, 'ntu-raw/manifest.json'), 'utf8'));
  it.each(Object.entries<{ split: Record<string, string> }>(manifest.clips))(
    '%s is in the reference’s parts',
    (name, clip) => {
      const id = parseNtuSampleName(name);
      if (id._tag === 'Left') throw new Error(id.left.message);
      expect(ntuPart(ntu60XSub, id.right)).toBe(clip.split.xsub);
      expect(ntuPart(ntu60XView, id.right)).toBe(clip.split.xview);
      expect(ntuPart(ntu120XSet, id.right)).toBe(clip.split.xsetup);
    },
  );
});
