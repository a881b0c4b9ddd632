import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPkuLabels, readPkuSkeleton, readSplitList } from '../src/node/raw/raw-files.js';
import { parsePkuLabels } from '../src/raw/pku-labels.js';
import { parsePkuSkeleton } from '../src/raw/pku-skeleton.js';
import { parseMissingSkeletonList, parseSplitList } from '../src/raw/split-list.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const pkuRaw = path.join(fixtures, 'pku-raw');

describe('parsePkuSkeleton', () => {
  it('reads one row of 150 numbers per non-blank line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 150, maxLength: 150 }), {
          maxLength: 5,
        }),
        (rows) => {
          const text = rows.map((row) => row.map((value) => value / 1000).join(' ')).join('\n\n');
          const result = parsePkuSkeleton(text, 'x.txt');
          expect(result).toMatchObject({ _tag: 'Right', right: { frameCount: rows.length } });
          if (result._tag === 'Right')
            expect([...result.right.values]).toEqual(rows.flat().map((value) => value / 1000));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('names the line, body, joint and axis of a bad token', () => {
    const row = Array.from({ length: 150 }, () => '0.5');
    row[79] = 'nan';
    expect(parsePkuSkeleton(`${row.join(' ')}\n${row.join(' ')}`, 'A.txt')).toMatchObject({
      _tag: 'Left',
      left: {
        format: 'pku-skeleton',
        file: 'A.txt',
        position: 'line 1, token 80 (frame 0, body 1, joint 1, y)',
        found: '"nan"',
      },
    });
  });

  it('rejects a row of the wrong length', () => {
    expect(parsePkuSkeleton('1 2 3\n', 'A.txt')).toMatchObject({
      _tag: 'Left',
      left: { position: 'line 1 (frame 0)', expected: '150 numbers', found: '3' },
    });
  });
});

describe('parsePkuLabels', () => {
  it('reads label,start,end,confidence lines with 0-based labels', () => {
    expect(parsePkuLabels('1,8,62,2\r\n12,70,108,1\r\n\r\n', 'L.txt')).toEqual({
      _tag: 'Right',
      right: [
        { label: 0, start: 8, end: 62, confidence: 2 },
        { label: 11, start: 70, end: 108, confidence: 1 },
      ],
    });
  });

  it('reads a file with a single line (the reference crashes on it)', () => {
    expect(parsePkuLabels('5,0,40,1', 'L.txt')).toEqual({
      _tag: 'Right',
      right: [{ label: 4, start: 0, end: 40, confidence: 1 }],
    });
  });

  it.each([
    ['1,8,62', 'line 1', '4 comma-separated numbers (label,start,end,confidence)', '3'],
    ['1,8,x,2', 'line 1 (end)', 'a finite number', '"x"'],
    ['0,8,62,2', 'line 1 (label)', 'an integer ≥ 1', '0'],
    ['1.5,8,62,2', 'line 1 (label)', 'an integer ≥ 1', '1.5'],
    ['1,8,62,2\n2,-1,62,2', 'line 2 (start)', 'an integer ≥ 0', '-1'],
    ['1,62,62,2', 'line 1 (end)', 'an integer > start (62)', '62'],
  ])('rejects %j', (text, position, expected, found) => {
    expect(parsePkuLabels(text, 'L.txt')).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ format: 'pku-label', file: 'L.txt', position, expected, found }),
    });
  });
});

describe('split lists', () => {
  it('reads the training names of line 2, trimmed', () => {
    const text = 'Training videos: \r\nA01N01-L, A01N01-M,A02N01-R \r\nValidataion videos: \r\nA07N05-L\r\n';
    expect(parseSplitList(text, 's.txt')).toEqual({
      _tag: 'Right',
      right: ['A01N01-L', 'A01N01-M', 'A02N01-R'],
    });
  });

  it('rejects a file without line 2', () => {
    expect(parseSplitList('Training videos:', 's.txt')).toMatchObject({
      _tag: 'Left',
      left: { format: 'split-list', position: 'line 2', found: 'end of file' },
    });
  });

  it('reads a missing-skeleton list with or without suffixes', () => {
    expect(parseMissingSkeletonList('S001C002P005R002A008\n\nS001C002P006R001A008.skeleton\r\n')).toEqual([
      'S001C002P005R002A008',
      'S001C002P006R001A008',
    ]);
  });
});

describe.skipIf(!existsSync(fixtures))('PKU fixtures', () => {
  const manifest = JSON.parse(readFileSync(path.join(pkuRaw, 'manifest.json'), 'utf8'));

  it.each(Object.entries<{ frames: number; labels: number[][] }>(manifest.sequences))(
    '%s has the frames and labels of the manifest',
    async (name, sequence) => {
      const skeleton = await readPkuSkeleton(path.join(pkuRaw, 'skeleton', `${name}.txt`))();
      expect(skeleton).toMatchObject({ _tag: 'Right', right: { frameCount: sequence.frames } });
      const labels = await readPkuLabels(path.join(pkuRaw, 'label', `${name}.txt`))();
      expect(labels).toEqual({
        _tag: 'Right',
        right: sequence.labels.map(([label, start, end, confidence]) => ({
          label: label! - 1,
          start,
          end,
          confidence,
        })),
      });
    },
  );

  it.each(['cross_subject_v2.txt', 'cross_view_v2.txt'])(
    '%s lists the training names of the manifest',
    async (file) => {
      const names = await readSplitList(path.join(pkuRaw, file))();
      expect(names).toEqual({ _tag: 'Right', right: manifest.split_files[file].train });
    },
  );
});
