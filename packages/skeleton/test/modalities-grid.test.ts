import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipIndex } from '../src/clip.js';
import { fromGrid, fromSequence, toGrid, toSequence } from '../src/modalities/index.js';
import { arbitraryClip, clipOf } from './augment-support.js';

describe('toGrid', () => {
  it('puts clip[c, t, v, m] at grid[m, t, v, c] (bodies outermost, channels innermost)', () => {
    fc.assert(
      fc.property(
        arbitraryClip().chain((clip) =>
          fc.tuple(
            fc.constant(clip),
            fc.nat(clip.channels - 1),
            fc.nat(clip.frames - 1),
            fc.nat(clip.joints - 1),
            fc.nat(clip.bodies - 1),
          ),
        ),
        ([clip, c, t, v, m]) => {
          const { channels, frames, joints } = clip;
          const grid = toGrid(clip);
          expect(grid[((m * frames + t) * joints + v) * channels + c]).toBe(
            clip.data[clipIndex(clip, c, t, v, m)],
          );
        },
      ),
    );
  });

  it('lays out an NTU clip as 2 bodies × 64 frames × 25 joints × xyz', () => {
    const clip = clipOf({ channels: 3, frames: 64, joints: 25, bodies: 2 }, (i) => i);
    const grid = toGrid(clip);
    expect(grid.length).toBe(2 * 64 * 25 * 3);
    // The second body's first frame starts after the whole first body: 64 · 25 · 3 values.
    expect(grid[64 * 25 * 3]).toBe(clip.data[clipIndex(clip, 0, 0, 0, 1)]);
    expect(grid[1]).toBe(clip.data[clipIndex(clip, 1, 0, 0, 0)]);
    expect(grid[3]).toBe(clip.data[clipIndex(clip, 0, 0, 1, 0)]);
  });

  it('round-trips through fromGrid and holds the same values as the sequence', () => {
    fc.assert(
      fc.property(arbitraryClip(), (clip) => {
        const grid = toGrid(clip);
        expect(fromGrid(grid, clip).data).toEqual(clip.data);
        expect(fromSequence(toSequence(fromGrid(grid, clip)), clip).data).toEqual(clip.data);
      }),
    );
  });

  it('writes into a batch buffer at an offset without touching the rest', () => {
    const clip = clipOf({ channels: 3, frames: 2, joints: 2, bodies: 1 }, (i) => i + 1);
    const batch = new Float32Array(3 * 12).fill(-1);
    toGrid(clip, batch, 12);
    expect(Array.from(batch.subarray(0, 12))).toEqual(new Array(12).fill(-1));
    expect(Array.from(batch.subarray(12, 24))).toEqual(Array.from(toGrid(clip)));
    expect(Array.from(batch.subarray(24))).toEqual(new Array(12).fill(-1));
    expect(() => toGrid(clip, batch, 30)).toThrow(RangeError);
    expect(() => toGrid(clip, batch, -1)).toThrow(RangeError);
    expect(() => fromGrid(new Float32Array(5), clip)).toThrow(RangeError);
  });
});
