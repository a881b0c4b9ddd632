/** One tracked body in one frame of a raw recording. */
export interface RawBody {
  /** Tracker's body ID as written in the file (Kinect IDs exceed 2^53, so kept as text). */
  readonly bodyId: string;
  /** `jointCount × 3` camera-space x, y, z (metres), joint-major. */
  readonly joints: Float64Array;
}

/** The bodies of one frame, in the order the file lists them. */
export interface RawFrame {
  readonly bodies: readonly RawBody[];
}

/** A parsed raw recording: every frame, empty ones included, with every body the tracker saw. */
export interface RawSequence {
  readonly file: string;
  readonly jointCount: number;
  readonly frames: readonly RawFrame[];
}
