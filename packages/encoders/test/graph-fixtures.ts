import * as tf from '@tensorflow/tfjs-core';
import type { GraphEncoder, GraphEncoderConfig } from '../src/index.js';

/** Parent of every joint (−1 for the root), as a skeleton layout lists them. */
type Parents = readonly number[];

/** NTU RGB+D's Kinect-25 skeleton rooted at the spine (joint 20, the references' center). */
export const KINECT_25_PARENTS: Parents = [
  1, 20, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, -1, 22, 7, 24, 11,
];

/** COCO-17 keypoints rooted at the nose (joint 0). */
export const COCO_17_PARENTS: Parents = [-1, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14];

/** The layout's (joint, parent) pairs as undirected edges. */
export function edgesOf(parents: Parents): [number, number][] {
  return parents.flatMap((parent, joint) => (parent < 0 ? [] : [[joint, parent] as [number, number]]));
}

/** A small adaptive graph encoder over the Kinect-25 skeleton with every kind of residual. */
export const TINY_KINECT_CONFIG: GraphEncoderConfig = {
  kind: 'graph',
  inputChannels: 3,
  joints: 25,
  bodies: 2,
  edges: edgesOf(KINECT_25_PARENTS),
  center: 20,
  // Block 0: no residual; block 1: identity; block 2: strided projection (and a `down` projection).
  blocks: [
    { channels: 4, stride: 1 },
    { channels: 4, stride: 1 },
    { channels: 8, stride: 2 },
  ],
  temporalKernel: 3,
  adaptive: true,
  head: 'mlp',
  embeddingSize: 5,
};

/** The same blocks over COCO-17, one body, fixed graph (ST-GCN). */
export const TINY_COCO_CONFIG: GraphEncoderConfig = {
  ...TINY_KINECT_CONFIG,
  joints: 17,
  bodies: 1,
  edges: edgesOf(COCO_17_PARENTS),
  center: 0,
  adaptive: false,
  head: 'linear',
};

/**
 * Sets every graph convolution's BatchNorm scale γ to 1. The reference starts it at 1e-6, so that a
 * fresh block is almost its shortcut and the graph barely shows in the output: tests of what the
 * graph does open it first.
 */
export function openGraphConvolutions(encoder: GraphEncoder): void {
  for (const { name, variable } of encoder.variables) {
    if (name.endsWith('graphConv/norm/gamma')) variable.assign(tf.onesLike(variable));
  }
}
