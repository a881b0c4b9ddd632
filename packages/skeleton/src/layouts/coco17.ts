import type { SkeletonLayout } from './layout.js';

/**
 * COCO 17 keypoints, in the order of MoveNet and of most COCO-trained 2-D/3-D pose estimators.
 *
 * COCO has no spine joint, so the torso is anchored on real joints rather than on a virtual
 * mid-hip (a virtual joint would have to be synthesised before every downstream step):
 * - root and centre: the left hip (11), the joint closest to the body's centre of mass;
 * - vertical bone: left hip → left shoulder (11 → 5), the torso side, which is upright when the
 *   person stands (the Kinect analogue is hip → spine);
 * - horizontal bone: left shoulder → right shoulder (5 → 6), as for Kinect (4 → 8).
 * The tree runs hips → shoulders → arms, hips → legs, and left shoulder → nose → eyes → ears.
 */
export const coco17: SkeletonLayout = {
  name: 'coco17',
  jointNames: [
    'nose',
    'eye_left',
    'eye_right',
    'ear_left',
    'ear_right',
    'shoulder_left',
    'shoulder_right',
    'elbow_left',
    'elbow_right',
    'wrist_left',
    'wrist_right',
    'hip_left',
    'hip_right',
    'knee_left',
    'knee_right',
    'ankle_left',
    'ankle_right',
  ],
  parents: [5, 0, 0, 1, 2, 11, 12, 5, 6, 7, 8, 11, 11, 11, 12, 13, 14],
  centerJoint: 11,
  verticalBone: [11, 5],
  horizontalBone: [5, 6],
  mirrorPairs: [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
    [9, 10],
    [11, 12],
    [13, 14],
    [15, 16],
  ],
};
