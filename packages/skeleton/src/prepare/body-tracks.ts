/**
 * The bodies of one clip as dense per-body tracks, before conversion to the C × T × V × M clip.
 * Track `m` holds `frameCount × jointCount × 3` values (frame, joint, xyz) in float64, as parsed;
 * a frame where the body is absent is all zeros (the references' convention for "no body").
 */
export interface BodyTracks {
  readonly frameCount: number;
  readonly jointCount: number;
  readonly tracks: readonly Float64Array[];
}

/** `count` zero tracks of the given size. */
export function emptyTracks(frameCount: number, jointCount: number, count: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(frameCount * jointCount * 3));
}
