import type { RawSequence } from '../raw/raw-sequence.js';
import { type BodyTracks, emptyTracks } from './body-tracks.js';
import { motionEnergy } from './motion-energy.js';

/**
 * How the bodies listed in each frame become tracks:
 * - `'by-position'` (the references): slot `m` holds the `m`-th body listed in each frame, so two
 *   people can swap slots between frames; at most `kinectSlots` slots (4), extra bodies dropped.
 * - `'by-id'`: one track per Kinect body ID, in order of first appearance, so a track follows one
 *   person; every ID is a candidate.
 */
export type BodyAssignment = 'by-position' | 'by-id';

export interface SelectMainBodiesOptions {
  /** Bodies kept (the references: 2). */
  readonly maxBodies?: number;
  readonly bodyAssignment?: BodyAssignment;
  /** Slots considered by `'by-position'` (the references: 4, Kinect's limit is 6). */
  readonly kinectSlots?: number;
}

/**
 * Keeps the `maxBodies` tracks of highest {@link motionEnergy}, in decreasing energy; missing
 * bodies are zero tracks. Ties are broken towards the later track, as NumPy 1.x's
 * `energy.argsort()[::-1]` does in the references (NumPy 2.x may differ; ties need equal
 * energies, which real recordings do not produce).
 */
export function selectMainBodies(sequence: RawSequence, options: SelectMainBodiesOptions = {}): BodyTracks {
  const { maxBodies = 2, bodyAssignment = 'by-position', kinectSlots = 4 } = options;
  const candidates =
    bodyAssignment === 'by-position' ? tracksByPosition(sequence, kinectSlots) : tracksById(sequence);
  const frameCount = sequence.frames.length;
  const { jointCount } = sequence;
  const energies = candidates.map((track) => motionEnergy(track, frameCount, jointCount));
  const order = candidates.map((_, index) => index).sort((a, b) => energies[b]! - energies[a]! || b - a);
  const tracks = order.slice(0, maxBodies).map((index) => candidates[index]!);
  return {
    frameCount,
    jointCount,
    tracks: [...tracks, ...emptyTracks(frameCount, jointCount, maxBodies - tracks.length)],
  };
}

function tracksByPosition(sequence: RawSequence, slots: number): Float64Array[] {
  const frameSize = sequence.jointCount * 3;
  const tracks = emptyTracks(sequence.frames.length, sequence.jointCount, slots);
  sequence.frames.forEach((frame, index) => {
    frame.bodies.slice(0, slots).forEach((body, slot) => {
      tracks[slot]!.set(body.joints, index * frameSize);
    });
  });
  return tracks;
}

function tracksById(sequence: RawSequence): Float64Array[] {
  const frameSize = sequence.jointCount * 3;
  const tracks = new Map<string, Float64Array>();
  sequence.frames.forEach((frame, index) => {
    for (const body of frame.bodies) {
      let track = tracks.get(body.bodyId);
      if (track === undefined) {
        track = new Float64Array(sequence.frames.length * frameSize);
        tracks.set(body.bodyId, track);
      }
      track.set(body.joints, index * frameSize);
    }
  });
  return [...tracks.values()];
}
