import { generateSyntheticDataset, inMemoryDataset, kinect25, type SkeletonDataset } from '@halp/skeleton';
import { DEFAULT_PRETRAIN_CONFIG, type PretrainConfig } from '../src/config.js';

/** A small synthetic dataset (every class, few performers, short clips). */
export function tinyDataset(): SkeletonDataset {
  return inMemoryDataset(
    generateSyntheticDataset({
      seed: 5,
      performers: 2,
      cameras: 2,
      replications: 1,
      minFrames: 40,
      maxFrames: 64,
      storedFrames: 64,
    }),
  );
}

export const layout = kinect25;

/** HaLP options small enough for the tiny dataset: few prototypes, positives after 16 keys. */
export const tinyHalpOptions = {
  numPrototypes: 4,
  keysForPrototypes: 32,
  numPositives: 10,
  numClosest: 3,
  warmupKeys: 16,
  updateEvery: 2,
};

/** A configuration small enough for tests on the cpu backend. */
export function tinyConfig(overrides: Partial<PretrainConfig> = {}): PretrainConfig {
  return {
    ...DEFAULT_PRETRAIN_CONFIG,
    encoder: {
      ...DEFAULT_PRETRAIN_CONFIG.encoder,
      hiddenSize: 16,
      numLayers: 1,
      embeddingSize: 16,
      head: 'linear',
    },
    frames: 16,
    batchSize: 8,
    queueSize: 32,
    keyMomentum: 0.9,
    optimizer: { ...DEFAULT_PRETRAIN_CONFIG.optimizer, learningRate: 0.05, milestones: [] },
    epochs: 2,
    backend: 'cpu',
    ...overrides,
  };
}
