import type { EncoderConfig } from '@halp/encoders';
import { jointCount, type SkeletonLayout } from '@halp/skeleton';
import type { PretrainConfig, Representation } from './config.js';

/** The shape of the clips a run trains on, as the encoders need it. */
export interface StreamDataShape {
  readonly layout: SkeletonLayout;
  /** Channels per joint (3). */
  readonly channels: number;
  /** Bodies per clip M. */
  readonly bodies: number;
}

/**
 * The encoder config of a stream with the given representation: the configured BiGRU for
 * `sequence`; for `graph` and `image` the configured sizes completed with the data's shape (the
 * graph's edges are the layout's bones, joint → parent, and its centre the layout's centre joint).
 */
export function streamEncoderConfig(
  config: PretrainConfig,
  representation: Representation,
  shape: StreamDataShape,
): EncoderConfig {
  const joints = jointCount(shape.layout);
  switch (representation) {
    case 'sequence':
      return config.encoder;
    case 'graph':
      return {
        ...config.graphEncoder,
        kind: 'graph',
        inputChannels: shape.channels,
        joints,
        bodies: shape.bodies,
        edges: shape.layout.parents.flatMap((parent, joint) =>
          parent === joint ? [] : [[joint, parent] as const],
        ),
        center: shape.layout.centerJoint,
      };
    case 'image':
      return {
        ...config.imageEncoder,
        kind: 'image',
        inputChannels: shape.channels,
        joints,
        frames: config.frames,
        bodies: shape.bodies,
      };
  }
}
