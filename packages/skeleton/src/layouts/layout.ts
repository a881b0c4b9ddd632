/**
 * A skeleton layout is data, not code: everything downstream (preprocessing, bone modality, flips,
 * graph encoders) takes a layout instead of assuming 25 Kinect joints.
 */
export interface SkeletonLayout {
  readonly name: string;
  /** Joint names, index = joint id (0-based). */
  readonly jointNames: readonly string[];
  /**
   * Parent of each joint (0-based); a root is its own parent. The bone modality is
   * `joint − parent`, so a root's bone is zero.
   */
  readonly parents: readonly number[];
  /** Joint subtracted from every joint when centring (NTU: 1, middle of the spine). */
  readonly centerJoint: number;
  /**
   * Bone `[from, to]` (vector `joint[to] − joint[from]`) that pre-normalisation rotates parallel
   * to +z (NTU: 0 → 1, hip → spine).
   */
  readonly verticalBone: readonly [number, number];
  /**
   * Bone `[from, to]` (vector `joint[to] − joint[from]`) that pre-normalisation rotates parallel
   * to +x (NTU: 4 → 8, left → right shoulder: the reference aligns `joint8 − joint4` with +x).
   */
  readonly horizontalBone: readonly [number, number];
  /** Left/right joint pairs, swapped by a mirror flip. */
  readonly mirrorPairs: readonly (readonly [number, number])[];
}

/** Number of joints of a layout. */
export function jointCount(layout: SkeletonLayout): number {
  return layout.jointNames.length;
}
