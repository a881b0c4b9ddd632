import '@tensorflow/tfjs-backend-cpu';
import { disposeEncoder, encoderInput, initEncoder } from '@halp/encoders';
import { createRandom } from '@halp/random';
import { type Clip, clipIndex, toGrid, toSequence } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipBatch, encoderBatch } from '../src/encoder-input.js';
import { tinyBiGru } from './protocol-support.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 1–3 clips of one small random shape, with distinct finite values. */
const clipBatches: fc.Arbitrary<Clip[]> = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    channels: fc.integer({ min: 1, max: 3 }),
    frames: fc.integer({ min: 1, max: 4 }),
    joints: fc.integer({ min: 1, max: 4 }),
    bodies: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ batch, ...shape }) => {
    const size = shape.channels * shape.frames * shape.joints * shape.bodies;
    const clip = fc
      .float32Array({ minLength: size, maxLength: size, noNaN: true, noDefaultInfinity: true })
      .map((data): Clip => ({ ...shape, data }));
    return fc.array(clip, { minLength: batch, maxLength: batch });
  });

async function valuesOf(tensor: tf.Tensor): Promise<Float32Array> {
  const values = (await tensor.data()) as Float32Array;
  tensor.dispose();
  return values;
}

describe('clipBatch', () => {
  it("'sequence' stacks each clip's toSequence into x [B, T, V·C·M]", async () => {
    await fc.assert(
      fc.asyncProperty(clipBatches, async (clips) => {
        const [{ channels, frames, joints, bodies }] = clips as [Clip];
        const batch = clipBatch(clips, 'sequence');
        expect(batch.shape).toEqual([clips.length, frames, joints * channels * bodies]);
        const values = await valuesOf(batch);
        const size = values.length / clips.length;
        for (const [i, clip] of clips.entries()) {
          expect(values.subarray(i * size, (i + 1) * size)).toEqual(toSequence(clip));
        }
      }),
      { numRuns: 30 },
    );
  });

  it("'grid' stacks each clip's toGrid into x [B, M, T, V, C], clip[c, t, v, m] at x[b, m, t, v, c]", async () => {
    await fc.assert(
      fc.asyncProperty(clipBatches, async (clips) => {
        const [{ channels, frames, joints, bodies }] = clips as [Clip];
        const batch = clipBatch(clips, 'grid');
        expect(batch.shape).toEqual([clips.length, bodies, frames, joints, channels]);
        const grid = (await batch.array()) as number[][][][][];
        batch.dispose();
        for (const [b, clip] of clips.entries()) {
          for (let c = 0; c < channels; c += 1)
            for (let t = 0; t < frames; t += 1)
              for (let v = 0; v < joints; v += 1)
                for (let m = 0; m < bodies; m += 1)
                  expect(grid[b]![m]![t]![v]![c]).toBe(clip.data[clipIndex(clip, c, t, v, m)]);
          expect(toGrid(clip)).toEqual(Float32Array.from(grid[b]!.flat(3)));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('rejects no clips and clips of different shapes', () => {
    const clip = (frames: number): Clip => ({
      data: new Float32Array(3 * frames * 2),
      channels: 3,
      frames,
      joints: 2,
      bodies: 1,
    });
    for (const input of ['sequence', 'grid'] as const) {
      expect(() => clipBatch([], input)).toThrow(RangeError);
      expect(() => clipBatch([clip(4), clip(5)], input)).toThrow(/clip 1/);
    }
  });

  it('encoderBatch uses the layout the encoder kind takes', () => {
    expect(encoderInput(tinyBiGru)).toBe('sequence');
    const clip: Clip = { data: new Float32Array(150 * 2), channels: 3, frames: 2, joints: 25, bodies: 2 };
    const encoder = initEncoder(tinyBiGru, createRandom(0));
    const batch = encoderBatch(encoder, [clip, clip]);
    expect(batch.shape).toEqual([2, 2, 150]);
    batch.dispose();
    disposeEncoder(encoder);
  });
});
