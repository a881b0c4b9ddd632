export type { Vector3 } from './align-bone.js';
export {
  alignBone,
  alignHorizontalBone,
  alignmentRotation,
  alignVerticalBone,
  axisAngleRotation,
} from './align-bone.js';
export type { BodyTracks } from './body-tracks.js';
export { centerOnJoint } from './center-on-joint.js';
export { motionEnergy } from './motion-energy.js';
export { padEmptyFrames } from './pad-empty-frames.js';
export { pkuIntervalTracks } from './pku-interval-tracks.js';
export { preNormalize } from './pre-normalize.js';
export type { SampleSource } from './sample-source.js';
export type { BodyAssignment, SelectMainBodiesOptions } from './select-main-bodies.js';
export { selectMainBodies } from './select-main-bodies.js';
export type { NtuSplit, NtuSplitField, PkuSplit, Split } from './splits.js';
export { ntu60XSub, ntu60XView, ntu120XSet, ntu120XSub, ntuPart, pkuXSub, pkuXView } from './splits.js';
export { MAX_FRAMES, tracksToClip } from './tracks-to-clip.js';
