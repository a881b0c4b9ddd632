import type { ImageEncoderConfig } from '../src/index.js';

/** A cheap HCN: the smallest sides the four poolings allow, a few channels per layer. */
export const TINY_IMAGE_CONFIG: ImageEncoderConfig = {
  kind: 'image',
  inputChannels: 3,
  joints: 5,
  frames: 16,
  bodies: 2,
  pointChannels: 4,
  pointFeatures: 16,
  cooccurrenceChannels: 3,
  streamChannels: 4,
  fusionChannels: 5,
  outputChannels: 6,
  head: 'mlp',
  embeddingSize: 3,
};

/** Grid shape [B, M, T, V, C] of a config. */
export function gridShape(config: ImageEncoderConfig, batch: number): number[] {
  return [batch, config.bodies, config.frames, config.joints, config.inputChannels];
}
