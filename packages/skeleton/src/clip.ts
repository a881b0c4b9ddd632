/**
 * One skeleton clip in the references' layout: C × T × V × M float32, C-order
 * (channel xyz, frame, joint, body), as stored per sample in `<part>_data_joint.npy`.
 */
export interface Clip {
  readonly data: Float32Array;
  readonly channels: number;
  readonly frames: number;
  readonly joints: number;
  readonly bodies: number;
}

/** The sizes of a clip without its values (what the inverse representations need to rebuild one). */
export type ClipShape = Omit<Clip, 'data'>;

/** Flat index of (channel, frame, joint, body) in a clip's data. */
export function clipIndex(clip: Clip, channel: number, frame: number, joint: number, body: number): number {
  return ((channel * clip.frames + frame) * clip.joints + joint) * clip.bodies + body;
}

/** A zero-filled clip of the given shape. */
export function emptyClip(channels: number, frames: number, joints: number, bodies: number): Clip {
  return { data: new Float32Array(channels * frames * joints * bodies), channels, frames, joints, bodies };
}
