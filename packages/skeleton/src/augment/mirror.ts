import type { Random } from '@halp/random';
import type { Clip } from '../clip.js';
import type { SkeletonLayout } from '../layouts/layout.js';
import { assertXyz, withData } from './augmentation.js';

/**
 * Left/right mirror image: negate x (after pre-normalisation the shoulders lie along x) and swap
 * every left/right joint pair of the layout, so that a left-hand wave becomes a right-hand wave of
 * a plausible skeleton. An involution: mirroring twice gives the clip back.
 */
export function mirror(clip: Clip, layout: SkeletonLayout): Clip {
  assertXyz(clip, 'mirror');
  if (layout.jointNames.length !== clip.joints) {
    throw new RangeError(
      `layout ${layout.name} has ${layout.jointNames.length} joints, the clip ${clip.joints}`,
    );
  }
  const partner = Int32Array.from({ length: clip.joints }, (_, v) => v);
  for (const [left, right] of layout.mirrorPairs) {
    partner[left] = right;
    partner[right] = left;
  }
  const output = new Float32Array(clip.data.length);
  const rows = clip.channels * clip.frames;
  for (let row = 0; row < rows; row += 1) {
    const sign = row < clip.frames ? -1 : 1;
    for (let v = 0; v < clip.joints; v += 1) {
      const target = (row * clip.joints + v) * clip.bodies;
      const source = (row * clip.joints + partner[v]!) * clip.bodies;
      for (let m = 0; m < clip.bodies; m += 1) output[target + m] = sign * clip.data[source + m]!;
    }
  }
  return withData(clip, output);
}

/** {@link mirror} with the given probability (default 1/2), otherwise the clip unchanged. */
export function randomMirror(clip: Clip, random: Random, layout: SkeletonLayout, probability = 0.5): Clip {
  return random.nextFloat() < probability ? mirror(clip, layout) : clip;
}
