import fc from 'fast-check';
import type { Clip, ClipShape } from '../src/clip.js';

/** A clip of the given shape whose values come from `value(index)`. */
export function clipOf(shape: ClipShape, value: (index: number) => number): Clip {
  const size = shape.channels * shape.frames * shape.joints * shape.bodies;
  return { ...shape, data: Float32Array.from({ length: size }, (_, i) => value(i)) };
}

/** Small random xyz clips with finite values in [−2, 2]. */
export function arbitraryClip(limits: { maxFrames?: number; maxJoints?: number } = {}): fc.Arbitrary<Clip> {
  return fc
    .record({
      frames: fc.integer({ min: 1, max: limits.maxFrames ?? 12 }),
      joints: fc.integer({ min: 1, max: limits.maxJoints ?? 6 }),
      bodies: fc.integer({ min: 1, max: 2 }),
    })
    .chain((shape) =>
      fc
        .array(fc.float({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), {
          minLength: 3 * shape.frames * shape.joints * shape.bodies,
          maxLength: 3 * shape.frames * shape.joints * shape.bodies,
        })
        // −0 would make exact comparisons of identity maps fail on 1·(−0) + 0·y = +0.
        .map((values) => ({ ...shape, channels: 3, data: Float32Array.from(values, (value) => value + 0) })),
    );
}

export function allFinite(data: Float32Array): boolean {
  return data.every((value) => Number.isFinite(value));
}
