import type { Clip } from '../clip.js';
import type { SkeletonLayout } from '../layouts/layout.js';
import { bone } from './bone.js';
import { motion } from './motion.js';

/** The three input streams of the references (CMD, HaLP + CMD). */
export type Modality = 'joint' | 'motion' | 'bone';

export const modalities: readonly Modality[] = ['joint', 'motion', 'bone'];

/** The clip in the given modality; `joint` is the clip itself. */
export function toModality(clip: Clip, modality: Modality, layout: SkeletonLayout): Clip {
  switch (modality) {
    case 'joint':
      return clip;
    case 'motion':
      return motion(clip);
    case 'bone':
      return bone(clip, layout);
  }
}
