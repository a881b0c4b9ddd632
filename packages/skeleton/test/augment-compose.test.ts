import { createRandom, type Random } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterCrop,
  type ClipAugmentation,
  jointCorruption,
  oneOf,
  pipeline,
  randomTemporalCropResize,
  shear,
  skeletonContrastView,
  withProbability,
} from '../src/augment/index.js';
import type { Clip } from '../src/clip.js';
import { allFinite, arbitraryClip, clipOf } from './augment-support.js';

/** An augmentation that adds a constant, to see which ones ran and in what order. */
const add =
  (amount: number): ClipAugmentation =>
  (clip) => ({ ...clip, data: clip.data.map((value) => value + amount) });
const double: ClipAugmentation = (clip) => ({ ...clip, data: clip.data.map((value) => 2 * value) });

const one = clipOf({ channels: 3, frames: 2, joints: 1, bodies: 1 }, () => 1);

describe('composition helpers', () => {
  it('pipeline applies left to right', () => {
    expect(pipeline(add(1), double)(one, createRandom(1)).data[0]).toBe(4);
    expect(pipeline(double, add(1))(one, createRandom(1)).data[0]).toBe(3);
    expect(pipeline()(one, createRandom(1))).toBe(one);
  });

  it('withProbability applies at rate p', () => {
    const random = createRandom(11);
    let applied = 0;
    for (let i = 0; i < 4000; i += 1)
      if (withProbability(0.3, add(1))(one, random).data[0] === 2) applied += 1;
    expect(applied / 4000).toBeCloseTo(0.3, 1);
    expect(withProbability(0, add(1))(one, random)).toBe(one);
  });

  it('oneOf picks one augmentation in proportion to its weight', () => {
    const random = createRandom(12);
    const counts = new Map<number, number>();
    for (let i = 0; i < 6000; i += 1) {
      const value = oneOf([add(1), add(2), add(3)], [1, 2, 3])(one, random).data[0]!;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([2, 3, 4]);
    expect(counts.get(2)! / 6000).toBeCloseTo(1 / 6, 1);
    expect(counts.get(4)! / 6000).toBeCloseTo(1 / 2, 1);
    expect(() => oneOf([])).toThrow(RangeError);
    expect(() => oneOf([add(1)], [1, 2])).toThrow(RangeError);
  });

  it('afterCrop feeds the crop into the clip augmentations', () => {
    const crop = (clip: Clip, validFrames: number, random: Random) =>
      randomTemporalCropResize(clip, validFrames, random, {
        ratioRange: [1, 1],
        minCropFrames: 1,
        outputFrames: 4,
      });
    const out = afterCrop(crop, add(1))(one, 2, createRandom(1));
    expect(out.frames).toBe(4);
    expect(Array.from(out.data)).toEqual(new Array(12).fill(2));
  });
});

describe('skeletonContrastView', () => {
  const long = arbitraryClip({ maxFrames: 100, maxJoints: 25 });

  it('is the crop followed by a corruption or a shear drawn from the same stream', () => {
    fc.assert(
      fc.property(long, fc.integer(), fc.integer({ min: 1, max: 100 }), (clip, seed, valid) => {
        const view = skeletonContrastView(clip, valid, createRandom(seed));
        const random = createRandom(seed);
        const cropped = randomTemporalCropResize(clip, valid, random);
        const expected = random.nextFloat() < 0.5 ? jointCorruption(cropped, random) : shear(cropped, random);
        expect(view.data).toEqual(expected.data);
        expect([view.channels, view.frames, view.joints, view.bodies]).toEqual([
          3,
          64,
          clip.joints,
          clip.bodies,
        ]);
        expect(allFinite(view.data)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('uses both branches about equally often', () => {
    const clip = clipOf({ channels: 3, frames: 80, joints: 25, bodies: 2 }, (i) => 1 + (i % 13));
    let corrupted = 0;
    for (let seed = 0; seed < 400; seed += 1) {
      const view = skeletonContrastView(clip, 80, createRandom(seed));
      // A shear never zeroes a point of an all-positive clip; a zeroing corruption always does.
      if (view.data.some((value) => value === 0)) corrupted += 1;
    }
    // P(zeroing corruption) = 1/2 · 1/2.
    expect(corrupted / 400).toBeCloseTo(0.25, 1);
  });
});
