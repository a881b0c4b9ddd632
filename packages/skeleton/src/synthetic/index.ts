export { type ActionDefinition, type PerformanceStyle, syntheticActions } from './actions.js';
export {
  type ArmPose,
  type BodyPose,
  type BodyProportions,
  type LegPose,
  poseJoints,
  randomProportions,
  restPose,
  type SegmentAngles,
} from './body-model.js';
export { type CameraTransform, type CameraView, cameraTransform, cameraYaws } from './camera.js';
export {
  generateSyntheticDataset,
  ntuStyleName,
  type SyntheticDataset,
  type SyntheticOptions,
} from './generate.js';
export { kinectLikeSensor, type SensorModel } from './sensor.js';
export { type SplitIndices, type SyntheticBenchmark, syntheticSplit } from './splits.js';
