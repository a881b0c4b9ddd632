import type { Clip } from '../clip.js';
import { emptyClip } from '../clip.js';
import type { BodyTracks } from './body-tracks.js';

/** Frames per clip in the references' arrays. */
export const MAX_FRAMES = 300;

/**
 * Lays tracks out as a C × T × V × M float32 clip (xyz, `maxFrames` frames, joints, bodies): the
 * first `maxFrames` frames are kept (longer clips are truncated as by the PKU reference script; the
 * NTU one crashes), the remaining frames are zero. Values are rounded to float32 here, as when the
 * references copy their float64 arrays into the float32 output.
 */
export function tracksToClip(tracks: BodyTracks, maxFrames = MAX_FRAMES): Clip {
  const { jointCount, frameCount } = tracks;
  const bodies = tracks.tracks.length;
  const clip = emptyClip(3, maxFrames, jointCount, bodies);
  const keptFrames = Math.min(frameCount, maxFrames);
  tracks.tracks.forEach((track, body) => {
    for (let frame = 0; frame < keptFrames; frame++) {
      for (let joint = 0; joint < jointCount; joint++) {
        for (let axis = 0; axis < 3; axis++) {
          clip.data[((axis * maxFrames + frame) * jointCount + joint) * bodies + body] =
            track[(frame * jointCount + joint) * 3 + axis]!;
        }
      }
    }
  });
  return clip;
}
