import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipIndex } from '../src/clip.js';
import { fromSequence, sequenceWidth, toSequence } from '../src/modalities/index.js';
import { arbitraryClip, clipOf } from './augment-support.js';

describe('toSequence', () => {
  it('orders each frame joint-major, then xyz, then body (the reference transpose(1, 2, 0, 3))', () => {
    // NTU shape: row t holds joint 0 (x body0, x body1, y body0, …), then joint 1, … — 150 values.
    const clip = clipOf({ channels: 3, frames: 64, joints: 25, bodies: 2 }, (i) => i);
    const sequence = toSequence(clip);
    expect(sequenceWidth(clip)).toBe(150);
    expect(sequence.length).toBe(64 * 150);
    for (const [t, v, c, m] of [
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [3, 7, 2, 1],
      [63, 24, 2, 1],
    ] as const) {
      expect(sequence[t * 150 + v * 6 + c * 2 + m]).toBe(clip.data[clipIndex(clip, c, t, v, m)]);
    }
  });

  it('round-trips through fromSequence', () => {
    fc.assert(
      fc.property(arbitraryClip(), (clip) => {
        expect(fromSequence(toSequence(clip), clip).data).toEqual(clip.data);
      }),
    );
  });

  it('writes into a batch buffer at an offset without touching the rest', () => {
    const clip = clipOf({ channels: 3, frames: 2, joints: 2, bodies: 1 }, (i) => i + 1);
    const batch = new Float32Array(3 * 12).fill(-1);
    toSequence(clip, batch, 12);
    expect(Array.from(batch.subarray(0, 12))).toEqual(new Array(12).fill(-1));
    expect(Array.from(batch.subarray(12, 24))).toEqual(Array.from(toSequence(clip)));
    expect(Array.from(batch.subarray(24))).toEqual(new Array(12).fill(-1));
    expect(() => toSequence(clip, batch, 30)).toThrow(RangeError);
    expect(() => fromSequence(new Float32Array(5), clip)).toThrow(RangeError);
  });
});
