import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinect25 } from '../src/layouts/kinect25.js';
import type { SkeletonLayout } from '../src/layouts/layout.js';
import { validateLayout } from '../src/layouts/validate-layout.js';

function problem(layout: SkeletonLayout) {
  const result = validateLayout(layout);
  return result._tag === 'Left' ? result.left : undefined;
}

/** A random forest: joint i's parent is itself or an earlier joint, then joint ids are shuffled. */
const forestLayout = fc
  .integer({ min: 2, max: 40 })
  .chain((joints) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: joints }, (_, i) => fc.integer({ min: 0, max: i }))),
      order: fc.shuffledSubarray(
        Array.from({ length: joints }, (_, i) => i),
        { minLength: joints, maxLength: joints },
      ),
    }),
  )
  .map(({ parents, order }): SkeletonLayout => {
    // Joint i of the generated forest becomes joint order[i].
    const shuffled = new Array<number>(parents.length);
    parents.forEach((parent, i) => {
      shuffled[order[i]!] = order[parent]!;
    });
    return {
      name: 'random',
      jointNames: parents.map((_, i) => `j${i}`),
      parents: shuffled,
      centerJoint: 0,
      verticalBone: [0, 1],
      horizontalBone: [1, 0],
      mirrorPairs: [[0, 1]],
    };
  });

describe('validateLayout', () => {
  it('accepts every forest of self-parented roots', () => {
    fc.assert(
      fc.property(forestLayout, (layout) => {
        expect(problem(layout)).toBeUndefined();
      }),
    );
  });

  it('rejects a parent cycle wherever it is', () => {
    fc.assert(
      fc.property(forestLayout, fc.nat(), fc.nat(), (layout, a, b) => {
        const joints = layout.parents.length;
        const [x, y] = [a % joints, b % joints];
        fc.pre(x !== y);
        const parents = [...layout.parents];
        parents[x] = y;
        parents[y] = x;
        expect(problem({ ...layout, parents })).toMatchObject({
          expected: expect.stringContaining('root'),
          found: 'a cycle',
        });
      }),
    );
  });

  it('names the field and what was wrong', () => {
    expect(
      problem({ ...kinect25, parents: kinect25.parents.map((p, j) => (j === 3 ? 25 : p)) }),
    ).toMatchObject({
      _tag: 'LayoutError',
      layout: 'kinect25',
      field: 'parents[3]',
      expected: 'a joint index in [0, 25)',
      found: '25',
    });
    expect(problem({ ...kinect25, parents: kinect25.parents.slice(1) })?.field).toBe('parents');
    expect(problem({ ...kinect25, jointNames: [] })?.field).toBe('jointNames');
    expect(
      problem({ ...kinect25, jointNames: kinect25.jointNames.map((n, j) => (j === 5 ? 'head' : n)) })?.field,
    ).toBe('jointNames[5]');
    expect(problem({ ...kinect25, centerJoint: -1 })?.field).toBe('centerJoint');
    expect(problem({ ...kinect25, centerJoint: 1.5 })?.field).toBe('centerJoint');
    expect(problem({ ...kinect25, verticalBone: [3, 3] })?.field).toBe('verticalBone');
    expect(problem({ ...kinect25, horizontalBone: [4, 99] })?.field).toBe('horizontalBone');
    expect(problem({ ...kinect25, mirrorPairs: [...kinect25.mirrorPairs, [4, 12]] })).toMatchObject({
      field: 'mirrorPairs[10]',
      expected: 'each joint in at most one pair',
    });
    expect(problem({ ...kinect25, mirrorPairs: [[2, 2]] })?.field).toBe('mirrorPairs[0]');
    expect(problem({ ...kinect25, centerJoint: 99 })?.message).toBe(
      'layout kinect25: centerJoint: expected a joint index in [0, 25), found 99',
    );
  });
});
