import { type Clip, clipIndex } from '../clip.js';
import { copyClip, hasPresentFrame, isEmptyClip } from './clip-frames.js';

/**
 * Step 2 of the references' `pre_normalization`: per frame, subtract the centre joint of body 0
 * (NTU: joint 1, middle of the spine) from every joint of every body, in float32:
 *
 *   x'[t, v, m] = x[t, v, m] − x[t, centre, 0]   for every joint with x + y + z ≠ 0,
 *
 * and set joints with x + y + z = 0 (absent) to 0 so that they stay absent. Where body 0 is absent
 * in a frame the centre is 0 there, so the other bodies keep camera coordinates (reference
 * behaviour, kept for fidelity). Bodies that are empty throughout are left as they are.
 */
export function centerOnJoint(clip: Clip, centerJoint: number): Clip {
  if (clip.channels !== 3)
    throw new RangeError(`centerOnJoint: expected 3 channels (xyz), got ${clip.channels}`);
  const out = copyClip(clip);
  if (isEmptyClip(clip)) return out;
  const { data } = out;
  const at = (channel: number, frame: number, joint: number, body: number) =>
    clipIndex(out, channel, frame, joint, body);
  const bodies = Array.from({ length: clip.bodies }, (_, body) => body).filter((body) =>
    hasPresentFrame(clip, body),
  );
  for (let frame = 0; frame < clip.frames; frame++) {
    const center = [0, 1, 2].map((channel) => clip.data[at(channel, frame, centerJoint, 0)]!);
    for (const body of bodies) {
      for (let joint = 0; joint < clip.joints; joint++) {
        const jointSum =
          data[at(0, frame, joint, body)]! +
          data[at(1, frame, joint, body)]! +
          data[at(2, frame, joint, body)]!;
        for (let channel = 0; channel < 3; channel++) {
          const index = at(channel, frame, joint, body);
          // Float32Array storage rounds the difference to float32, as NumPy's float32 subtraction.
          data[index] = jointSum !== 0 ? data[index]! - center[channel]! : 0;
        }
      }
    }
  }
  return out;
}
