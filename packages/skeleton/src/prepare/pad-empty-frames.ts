import { type Clip, clipIndex } from '../clip.js';
import { copyClip, presentFrames } from './clip-frames.js';

/**
 * Step 1 of the references' `pre_normalization`, per body:
 * - if the body is absent in frame 0, its present frames are moved to the front in order and all
 *   its empty frames (interior ones included) go to the end;
 * - the empty frames after its last present frame are filled by repeating frames `0 … last`
 *   cyclically (`frame[last + 1 + k] = frame[k mod (last + 1)]`), so a short clip loops to the
 *   full length. Interior empty frames of a body present in frame 0 stay empty.
 * Bodies that are empty throughout stay empty.
 */
export function padEmptyFrames(clip: Clip): Clip {
  const out = copyClip(clip);
  for (let body = 0; body < clip.bodies; body++) {
    let present = presentFrames(out, body);
    if (!present.includes(true)) continue;
    if (!present[0]) {
      const order = present.flatMap((isPresent, frame) => (isPresent ? [frame] : []));
      moveFrames(out, body, order);
      present = present.map((_, frame) => frame < order.length);
    }
    const validLength = present.lastIndexOf(true) + 1;
    if (validLength === clip.frames) continue;
    const source = Array.from({ length: clip.frames }, (_, frame) =>
      frame < validLength ? frame : (frame - validLength) % validLength,
    );
    moveFrames(out, body, source);
  }
  return out;
}

/**
 * Rewrites one body so that its frame `t` becomes its old frame `source[t]`; frames beyond
 * `source.length` become empty.
 */
function moveFrames(clip: Clip, body: number, source: readonly number[]): void {
  const old = clip.data.slice();
  for (let channel = 0; channel < clip.channels; channel++) {
    for (let frame = 0; frame < clip.frames; frame++) {
      const from = source[frame];
      for (let joint = 0; joint < clip.joints; joint++) {
        clip.data[clipIndex(clip, channel, frame, joint, body)] =
          from === undefined ? 0 : old[clipIndex(clip, channel, from, joint, body)]!;
      }
    }
  }
}
