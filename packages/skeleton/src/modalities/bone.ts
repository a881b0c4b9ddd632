import type { Clip } from '../clip.js';
import type { SkeletonLayout } from '../layouts/layout.js';

/**
 * Bone modality of the references: b_v = x_v − x_parent(v) along the layout's parent list (for
 * Kinect-25 exactly the NTU bone list), so a root's bone is zero. Same shape as the joint clip.
 */
export function bone(clip: Clip, layout: SkeletonLayout): Clip {
  if (layout.parents.length !== clip.joints) {
    throw new RangeError(
      `layout ${layout.name} has ${layout.parents.length} joints, the clip ${clip.joints}`,
    );
  }
  const output = new Float32Array(clip.data.length);
  const rows = clip.channels * clip.frames;
  for (let row = 0; row < rows; row += 1) {
    for (let v = 0; v < clip.joints; v += 1) {
      const child = (row * clip.joints + v) * clip.bodies;
      const parent = (row * clip.joints + layout.parents[v]!) * clip.bodies;
      for (let m = 0; m < clip.bodies; m += 1)
        output[child + m] = clip.data[child + m]! - clip.data[parent + m]!;
    }
  }
  return { ...clip, data: output };
}
