import { describe, expect, it } from 'vitest';
import { blazePose33 } from '../src/layouts/blaze-pose33.js';
import { coco17 } from '../src/layouts/coco17.js';
import { kinect25 } from '../src/layouts/kinect25.js';
import type { SkeletonLayout } from '../src/layouts/layout.js';
import { validateLayout } from '../src/layouts/validate-layout.js';

const builtins: readonly SkeletonLayout[] = [kinect25, coco17, blazePose33];

describe.each(builtins)('built-in layout $name', (layout) => {
  it('is valid', () => {
    expect(validateLayout(layout)).toEqual({ _tag: 'Right', right: layout });
  });

  it('has exactly one root, the tree spanning every joint', () => {
    const roots = layout.parents.flatMap((parent, joint) => (parent === joint ? [joint] : []));
    expect(roots).toHaveLength(1);
  });

  it('pairs every left joint with the right joint of the same name and leaves the midline alone', () => {
    const mirrored = new Map(layout.mirrorPairs.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));
    layout.jointNames.forEach((name, joint) => {
      const partner = mirrored.get(joint);
      if (name.includes('left')) expect(layout.jointNames[partner!]).toBe(name.replace('left', 'right'));
      else if (name.includes('right'))
        expect(layout.jointNames[partner!]).toBe(name.replace('right', 'left'));
      else expect(partner).toBeUndefined();
    });
  });

  it('orients on a left-to-right horizontal bone and a bottom-to-top vertical bone', () => {
    const [left, right] = layout.horizontalBone.map((joint) => layout.jointNames[joint]!);
    expect(left).toContain('left');
    expect(right).toBe(left!.replace('left', 'right'));
    const [bottom, top] = layout.verticalBone.map((joint) => layout.jointNames[joint]!);
    expect(bottom).toMatch(/hip|spine_base/);
    expect(top).toMatch(/shoulder|spine_mid/);
  });
});

describe('kinect25', () => {
  it('has the parents of the spec bone list (1-based child, parent)', () => {
    const specBones = [
      [1, 2],
      [2, 21],
      [3, 21],
      [4, 3],
      [5, 21],
      [6, 5],
      [7, 6],
      [8, 7],
      [9, 21],
      [10, 9],
      [11, 10],
      [12, 11],
      [13, 1],
      [14, 13],
      [15, 14],
      [16, 15],
      [17, 1],
      [18, 17],
      [19, 18],
      [20, 19],
      [21, 21],
      [22, 23],
      [23, 8],
      [24, 25],
      [25, 12],
    ];
    expect(kinect25.parents).toEqual(specBones.map(([, parent]) => parent! - 1));
  });

  it('centres on the middle of the spine and aligns hip→spine and left→right shoulder', () => {
    expect(kinect25.jointNames[kinect25.centerJoint]).toBe('spine_mid');
    expect(kinect25.verticalBone).toEqual([0, 1]);
    expect(kinect25.horizontalBone).toEqual([4, 8]);
  });
});

describe('pose-estimator layouts', () => {
  it('list the keypoints in the order of the estimators', () => {
    expect(coco17.jointNames.slice(0, 7)).toEqual([
      'nose',
      'eye_left',
      'eye_right',
      'ear_left',
      'ear_right',
      'shoulder_left',
      'shoulder_right',
    ]);
    expect(coco17.jointNames[16]).toBe('ankle_right');
    expect(blazePose33.jointNames).toHaveLength(33);
    expect(blazePose33.jointNames[11]).toBe('shoulder_left');
    expect(blazePose33.jointNames[23]).toBe('hip_left');
    expect(blazePose33.jointNames[32]).toBe('foot_index_right');
  });
});
