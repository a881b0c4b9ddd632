import type { Clip } from '../clip.js';
import type { SkeletonLayout } from '../layouts/layout.js';
import { alignHorizontalBone, alignVerticalBone } from './align-bone.js';
import { centerOnJoint } from './center-on-joint.js';
import { padEmptyFrames } from './pad-empty-frames.js';

/**
 * The references' `pre_normalization` of one clip (2s-AGCN lineage, used by Skeleton-Contrast and
 * HaLP): {@link padEmptyFrames}, {@link centerOnJoint} on the layout's centre joint,
 * {@link alignVerticalBone} (+z), then {@link alignHorizontalBone} (+x). Equal to the reference's
 * float32 output within float32 rounding.
 */
export function preNormalize(clip: Clip, layout: SkeletonLayout): Clip {
  const padded = padEmptyFrames(clip);
  const centered = centerOnJoint(padded, layout.centerJoint);
  return alignHorizontalBone(alignVerticalBone(centered, layout), layout);
}
