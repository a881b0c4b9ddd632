import type { SkeletonLayout } from './layout.js';

/**
 * Kinect v2, 25 joints: NTU RGB+D 60/120 and PKU-MMD.
 *
 * Parents follow the bone list of the references (2s-AGCN lineage), 1-based (child, parent):
 * (1,2) (2,21) (3,21) (4,3) (5,21) (6,5) (7,6) (8,7) (9,21) (10,9) (11,10) (12,11) (13,1) (14,13)
 * (15,14) (16,15) (17,1) (18,17) (19,18) (20,19) (21,21) (22,23) (23,8) (24,25) (25,12).
 * Two of its pairs are anatomically odd and kept on purpose so that the bone modality matches the
 * references: the tip of the left hand (22) hangs off the left thumb (23), and the tip of the right
 * hand (24) off the right thumb (25). Joint 21 (spine at shoulder level) is the root.
 */
export const kinect25: SkeletonLayout = {
  name: 'kinect25',
  jointNames: [
    'spine_base',
    'spine_mid',
    'neck',
    'head',
    'shoulder_left',
    'elbow_left',
    'wrist_left',
    'hand_left',
    'shoulder_right',
    'elbow_right',
    'wrist_right',
    'hand_right',
    'hip_left',
    'knee_left',
    'ankle_left',
    'foot_left',
    'hip_right',
    'knee_right',
    'ankle_right',
    'foot_right',
    'spine_shoulder',
    'hand_tip_left',
    'thumb_left',
    'hand_tip_right',
    'thumb_right',
  ],
  parents: [1, 20, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, 20, 22, 7, 24, 11],
  centerJoint: 1,
  verticalBone: [0, 1],
  horizontalBone: [4, 8],
  mirrorPairs: [
    [4, 8],
    [5, 9],
    [6, 10],
    [7, 11],
    [12, 16],
    [13, 17],
    [14, 18],
    [15, 19],
    [21, 23],
    [22, 24],
  ],
};
