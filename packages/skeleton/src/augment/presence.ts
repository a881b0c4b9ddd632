import type { Clip } from '../clip.js';

/**
 * Which (frame, body) slots hold a skeleton: `present[t · M + m] = 1` unless every coordinate of
 * every joint of body m in frame t is exactly zero, the references' encoding of "no body here"
 * (padding frames and the empty second body of one-person clips).
 */
export function bodyPresence(clip: Clip): Uint8Array {
  const present = new Uint8Array(clip.frames * clip.bodies);
  const stride = clip.frames * clip.joints * clip.bodies;
  for (let c = 0; c < clip.channels; c += 1) {
    for (let p = 0; p < stride; p += 1) {
      if (clip.data[c * stride + p] !== 0) {
        const frame = Math.floor(p / (clip.joints * clip.bodies));
        present[frame * clip.bodies + (p % clip.bodies)] = 1;
      }
    }
  }
  return present;
}
