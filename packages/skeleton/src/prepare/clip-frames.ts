import type { Clip } from '../clip.js';

/*
 * The references' notion of "empty", reproduced by every pre-normalisation step: a frame of a body
 * is empty when its coordinates sum to 0, a body when all its frames are, a joint when x + y + z = 0.
 * (Real joints never sum to exactly 0; all-zero data does.)
 */

/** A copy of the clip that the pre-normalisation steps may modify. */
export function copyClip(clip: Clip): Clip {
  return { ...clip, data: clip.data.slice() };
}

/** Sum of all coordinates of one body in one frame. */
export function frameSum(clip: Clip, body: number, frame: number): number {
  const { frames, joints, bodies, data } = clip;
  let sum = 0;
  for (let channel = 0; channel < clip.channels; channel++) {
    const base = (channel * frames + frame) * joints * bodies + body;
    for (let joint = 0; joint < joints; joint++) sum += data[base + joint * bodies]!;
  }
  return sum;
}

/** Whether each frame of the body is non-empty. */
export function presentFrames(clip: Clip, body: number): boolean[] {
  return Array.from({ length: clip.frames }, (_, frame) => frameSum(clip, body, frame) !== 0);
}

/** Whether the body is present in at least one frame. */
export function hasPresentFrame(clip: Clip, body: number): boolean {
  for (let frame = 0; frame < clip.frames; frame++) if (frameSum(clip, body, frame) !== 0) return true;
  return false;
}

/** Whether no body is present in any frame (the references skip such clips in every step). */
export function isEmptyClip(clip: Clip): boolean {
  for (let body = 0; body < clip.bodies; body++) if (hasPresentFrame(clip, body)) return false;
  return true;
}
