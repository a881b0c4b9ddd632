import type { SkeletonLayout } from './layout.js';

/**
 * BlazePose 33 landmarks (MediaPipe Pose, tfjs `pose-detection` with the BlazePose model).
 *
 * Anchored like {@link coco17}, on real joints: root and centre = left hip (23), vertical bone =
 * left hip → left shoulder (23 → 11), horizontal bone = left shoulder → right shoulder (11 → 12).
 * Hands hang off the wrists (pinky, index, thumb), feet off the ankles (heel, foot index), the face
 * off the nose, and the nose off the left shoulder.
 */
export const blazePose33: SkeletonLayout = {
  name: 'blazePose33',
  jointNames: [
    'nose',
    'eye_inner_left',
    'eye_left',
    'eye_outer_left',
    'eye_inner_right',
    'eye_right',
    'eye_outer_right',
    'ear_left',
    'ear_right',
    'mouth_left',
    'mouth_right',
    'shoulder_left',
    'shoulder_right',
    'elbow_left',
    'elbow_right',
    'wrist_left',
    'wrist_right',
    'pinky_left',
    'pinky_right',
    'index_left',
    'index_right',
    'thumb_left',
    'thumb_right',
    'hip_left',
    'hip_right',
    'knee_left',
    'knee_right',
    'ankle_left',
    'ankle_right',
    'heel_left',
    'heel_right',
    'foot_index_left',
    'foot_index_right',
  ],
  parents: [
    11, 0, 1, 2, 0, 4, 5, 3, 6, 0, 0, 23, 24, 11, 12, 13, 14, 15, 16, 15, 16, 15, 16, 23, 23, 23, 24, 25, 26,
    27, 28, 27, 28,
  ],
  centerJoint: 23,
  verticalBone: [23, 11],
  horizontalBone: [11, 12],
  mirrorPairs: [
    [1, 4],
    [2, 5],
    [3, 6],
    [7, 8],
    [9, 10],
    [11, 12],
    [13, 14],
    [15, 16],
    [17, 18],
    [19, 20],
    [21, 22],
    [23, 24],
    [25, 26],
    [27, 28],
    [29, 30],
    [31, 32],
  ],
};
