import type { BiGruEncoderConfig, GraphEncoderConfig, ImageEncoderConfig } from '@halp/encoders';
import {
  generateSyntheticDataset,
  inMemoryDataset,
  kinect25,
  subsetDataset,
  syntheticActions,
  syntheticSplit,
} from '@halp/skeleton';

// 4 actions × 2 performers × 2 cameras: cross-view puts camera 2 in train, camera 1 in test (8 + 8).
const synthetic = generateSyntheticDataset({
  seed: 'evaluation',
  actions: syntheticActions.slice(0, 4),
  performers: 2,
  cameras: 2,
  replications: 1,
  storedFrames: 64,
  maxFrames: 64,
});
const split = syntheticSplit(synthetic, 'xview');
const all = inMemoryDataset(synthetic);

/** Labelled splits small enough for a protocol to run in well under a second. */
export const train = subsetDataset(all, split.train);
export const test = subsetDataset(all, split.val);
export const classes = 4;

export const input = { layout: kinect25, modality: 'joint', frames: 16 } as const;
/** A short schedule: the protocols' mechanics, not their accuracy. */
export const short = { epochs: 4, learningRate: 0.5, milestones: [3], batchSize: 4 } as const;

export const tinyBiGru: BiGruEncoderConfig = {
  inputSize: 150,
  hiddenSize: 8,
  numLayers: 1,
  head: 'linear',
  embeddingSize: 4,
  stepping: 'bidirectional',
  batchNorm: true,
};

/** A one-block fixed-graph encoder over the Kinect-25 bones (grid input, 4 features). */
export const tinyGraph: GraphEncoderConfig = {
  kind: 'graph',
  inputChannels: 3,
  joints: 25,
  bodies: 2,
  edges: kinect25.parents.flatMap((parent, joint) => (parent === joint ? [] : [[joint, parent] as const])),
  center: kinect25.centerJoint,
  blocks: [{ channels: 4, stride: 1 }],
  temporalKernel: 3,
  adaptive: false,
  head: 'linear',
  embeddingSize: 4,
};

/** The narrowest HCN the 16-frame input allows (grid input). */
export const tinyImage: ImageEncoderConfig = {
  kind: 'image',
  inputChannels: 3,
  joints: 25,
  frames: input.frames,
  bodies: 2,
  pointChannels: 2,
  pointFeatures: 16,
  cooccurrenceChannels: 2,
  streamChannels: 2,
  fusionChannels: 2,
  outputChannels: 2,
  head: 'linear',
  embeddingSize: 4,
};
