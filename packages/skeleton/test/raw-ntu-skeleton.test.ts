import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataFileError } from '../src/io/errors.js';
import { readNtuSkeleton } from '../src/node/raw/raw-files.js';
import { parseNtuSkeleton } from '../src/raw/ntu-skeleton.js';
import type { RawSequence } from '../src/raw/raw-sequence.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const rawDir = path.join(fixtures, 'ntu-raw');

function parsed(text: string, file = 'clip.skeleton'): RawSequence {
  const result = parseNtuSkeleton(text, file);
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
}

function failure(text: string, file = 'clip.skeleton'): DataFileError {
  const result = parseNtuSkeleton(text, file);
  if (result._tag === 'Right') throw new Error('expected a parse error');
  return result.left;
}

/** Writes a sequence in the NTU text format, joint fields beyond x y z filled with a marker. */
function ntuText(
  frames: readonly (readonly { id: string; joints: readonly number[] }[])[],
  jointCount = 25,
): string {
  const lines = [`${frames.length}`];
  for (const bodies of frames) {
    lines.push(`${bodies.length}`);
    for (const body of bodies) {
      lines.push(`${body.id} 0 1 2 1 2 0 0.01 -0.02 2`, `${jointCount}`);
      for (let joint = 0; joint < jointCount; joint++) {
        const [x, y, z] = body.joints.slice(joint * 3, joint * 3 + 3);
        lines.push(`${x} ${y} ${z} 250.1 180.2 960.3 540.4 0.9 0.1 -0.1 0.2 2`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const joints25 = (seed: number) =>
  Array.from({ length: 75 }, (_, i) => Math.round((seed + i * 0.37) * 1000) / 1000);

describe('parseNtuSkeleton', () => {
  it('reads frames, bodies, IDs and x y z, in file order', () => {
    const sequence = parsed(
      ntuText([
        [],
        [
          { id: '72057594037931101', joints: joints25(1) },
          { id: '7', joints: joints25(2) },
        ],
      ]),
    );
    expect(sequence.jointCount).toBe(25);
    expect(sequence.frames).toHaveLength(2);
    expect(sequence.frames[0]!.bodies).toHaveLength(0);
    expect(sequence.frames[1]!.bodies.map((body) => body.bodyId)).toEqual(['72057594037931101', '7']);
    expect([...sequence.frames[1]!.bodies[1]!.joints]).toEqual(joints25(2));
  });

  it('round-trips any sequence written in the format, LF or CRLF', () => {
    // `+ 0` turns -0 into 0: the text format cannot tell them apart.
    const coordinate = fc.double({ min: -10, max: 10, noNaN: true }).map((value) => value + 0);
    const body = fc.record({
      id: fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String),
      joints: fc.array(coordinate, { minLength: 75, maxLength: 75 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(body, { maxLength: 4 }), { maxLength: 6 }),
        fc.boolean(),
        (frames, crlf) => {
          const text = ntuText(frames);
          const sequence = parsed(crlf ? text.replaceAll('\n', '\r\n') : text);
          expect(sequence.frames.map((frame) => frame.bodies.map((b) => [b.bodyId, [...b.joints]]))).toEqual(
            frames.map((bodies) => bodies.map((b) => [b.id, b.joints])),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects a nan token, naming line, frame, body, joint and axis', () => {
    const text = ntuText([[{ id: '1', joints: joints25(1) }], [{ id: '1', joints: joints25(1) }]]);
    const lines = text.split('\n');
    // Line 35 (1-based) is frame 1, body 0, joint 2: lines 1-29 hold the count and frame 0.
    lines[34] = lines[34]!.replace(/^(\S+) (\S+)/, '$1 nan');
    expect(failure(lines.join('\n'), 'S001.skeleton')).toMatchObject({
      _tag: 'DataFileError',
      format: 'ntu-skeleton',
      file: 'S001.skeleton',
      position: 'line 35 (frame 1, body 0, joint 2, y)',
      expected: 'a finite number',
      found: '"nan"',
    });
  });

  it.each([
    ['an empty file', '', 'line 1', 'the frame count (one non-negative integer)', 'end of file'],
    ['a non-integer frame count', '2.5\n', 'line 1', 'the frame count (one non-negative integer)', '"2.5"'],
    ['a missing frame', '2\n0\n', 'line 3 (frame 1)', 'the body count', 'end of file'],
    ['text after the last frame', '1\n0\n0\n', 'line 3', 'end of file after 1 frames', '"0"'],
    [
      'an inf token',
      ntuText([[{ id: '1', joints: [Number.POSITIVE_INFINITY, ...joints25(0).slice(1)] }]]),
      'line 5 (frame 0, body 0, joint 0, x)',
      'a finite number',
      '"Infinity"',
    ],
    ['a short body line', '1\n1\n1 2 3\n', 'line 3 (frame 0, body 0)', '10 numbers on the body line', '3'],
    ['a wrong joint count', '1\n1\n1 0 0 0 0 0 0 0 0 2\n17\n', 'line 4 (frame 0, body 0)', '25 joints', '17'],
  ])('rejects %s', (_, text, position, expected, found) => {
    const error = failure(text);
    expect(error.position).toBe(position);
    expect(error.expected).toContain(expected);
    expect(error.found).toBe(found);
  });
});

describe.skipIf(!existsSync(fixtures))('NTU fixtures', () => {
  const manifest = JSON.parse(readFileSync(path.join(rawDir, 'manifest.json'), 'utf8'));

  it.each(
    Object.entries<{ path: string; frame_count: number; bodies_per_frame_runs: [number, number][] }>(
      manifest.clips,
    ),
  )('%s has the frames and bodies of the manifest', async (_, clip) => {
    const result = await readNtuSkeleton(path.join(rawDir, clip.path))();
    if (result._tag === 'Left') throw new Error(result.left.message);
    expect(result.right.frames).toHaveLength(clip.frame_count);
    const expectedCounts = clip.bodies_per_frame_runs.flatMap(([count, run]) =>
      new Array<number>(run).fill(count),
    );
    expect(result.right.frames.map((frame) => frame.bodies.length)).toEqual(expectedCounts);
  });

  it('locates a non-numeric token: broken_non_numeric.skeleton', async () => {
    const file = path.join(fixtures, 'formats/broken_non_numeric.skeleton');
    const result = await readNtuSkeleton(file)();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: {
        file,
        position: 'line 68 (frame 2, body 0, joint 7, y)',
        expected: 'a finite number',
        found: '"0.2x41"',
      },
    });
  });

  it('locates a file cut inside a joint line: broken_truncated_mid_joint.skeleton', async () => {
    const file = path.join(fixtures, 'formats/broken_truncated_mid_joint.skeleton');
    const result = await readNtuSkeleton(file)();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: {
        file,
        position: 'line 68 (frame 2, body 0, joint 7)',
        expected: '12 numbers on the joint line',
        found: '3',
      },
    });
  });

  it('reports a missing file as an error value', async () => {
    const result = await readNtuSkeleton(path.join(rawDir, 'absent.skeleton'))();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { format: 'io', found: expect.stringContaining('ENOENT') },
    });
  });
});
