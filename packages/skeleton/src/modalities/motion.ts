import type { Clip } from '../clip.js';

/**
 * Motion modality of the references: m_t = x_{t+1} − x_t for t < T − 1 and m_{T−1} = 0 (the last
 * frame has no successor). Same shape as the joint clip.
 */
export function motion(clip: Clip): Clip {
  const output = new Float32Array(clip.data.length);
  const frameSize = clip.joints * clip.bodies;
  for (let c = 0; c < clip.channels; c += 1) {
    for (let t = 0; t + 1 < clip.frames; t += 1) {
      const row = (c * clip.frames + t) * frameSize;
      for (let p = 0; p < frameSize; p += 1)
        output[row + p] = clip.data[row + frameSize + p]! - clip.data[row + p]!;
    }
  }
  return { ...clip, data: output };
}
