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
export type { NtuSampleOptions } from './ntu-samples.js';
export { listNtuSamples } from './ntu-samples.js';
export { padEmptyFrames } from './pad-empty-frames.js';
export { pkuIntervalTracks } from './pku-interval-tracks.js';
export { listPkuSamples } from './pku-samples.js';
export { preNormalize } from './pre-normalize.js';
export type { PreparedPart, PrepareOptions, PrepareProgress } from './prepare.js';
export { prepare } from './prepare.js';
export type { SampleSource } from './sample-source.js';
export type { BodyAssignment, SelectMainBodiesOptions } from './select-main-bodies.js';
export { selectMainBodies } from './select-main-bodies.js';
export type { NtuSplit, NtuSplitField, PkuSplit, Split } from './splits.js';
export { ntu60XSub, ntu60XView, ntu120XSet, ntu120XSub, ntuPart, pkuXSub, pkuXView } from './splits.js';
export { MAX_FRAMES, tracksToClip } from './tracks-to-clip.js';
