import type * as tf from '@tensorflow/tfjs-core';
import type { EncoderModel } from '../encoder-kind.js';
import type { HeadKind } from '../head.js';
import type { HeadVariables } from '../variables.js';

/**
 * Channel widths of the HCN encoder (Li et al. 2018, "Co-occurrence feature learning from skeleton
 * data…"), named after HCN's layers; Skeleton-Contrast's values are {@link REFERENCE_IMAGE_ENCODER_SIZES}.
 */
export interface ImageEncoderSizes {
  /** conv1: 1×1 convolution, features per joint and frame (HCN's `out_channel`, 64). */
  readonly pointChannels: number;
  /**
   * conv2: 3×1 temporal convolution. Its outputs become the width of the co-occurrence image once
   * the joints are moved into the channels (HCN's `window_size`, 64); at least 16 (four 2× poolings).
   */
  readonly pointFeatures: number;
  /** conv3: 3×3 convolution over the joints-as-channels image (HCN's `out_channel / 2`, 32). */
  readonly cooccurrenceChannels: number;
  /** conv4: 3×3 convolution, each stream's output (HCN's `out_channel`, 64). */
  readonly streamChannels: number;
  /** conv5: 3×3 convolution over the concatenated streams (HCN's `2 · out_channel`, 128). */
  readonly fusionChannels: number;
  /** conv6: 3×3 convolution, the last feature map (HCN's `4 · out_channel`, 256). */
  readonly outputChannels: number;
}

/** Skeleton-Contrast's HCN (`out_channel` 64, `window_size` 64). */
export const REFERENCE_IMAGE_ENCODER_SIZES: ImageEncoderSizes = {
  pointChannels: 64,
  pointFeatures: 64,
  cooccurrenceChannels: 32,
  streamChannels: 64,
  fusionChannels: 128,
  outputChannels: 256,
};

/**
 * An HCN-style image encoder (docs/method.md §4): each body's T × V × C grid is a pseudo-image; a
 * position stream and a motion stream of convolutions, joints moved into channels, fused.
 * Input: grids x [B, M, T, V, C] (channels last).
 */
export interface ImageEncoderConfig extends ImageEncoderSizes {
  readonly kind: 'image';
  /** Channels per joint C (3 coordinates). */
  readonly inputChannels: number;
  /** Joints V of the layout. */
  readonly joints: number;
  /** Frames T of the input (fixes the size of the features); at least 16 (four 2× poolings). */
  readonly frames: number;
  /** Bodies M per clip (each encoded alone; the feature maps are merged by an elementwise max). */
  readonly bodies: number;
  readonly head: HeadKind;
  readonly embeddingSize: number;
}

/**
 * A 2-D convolution: `kernel` [kh, kw, C_in, C_out] (tfjs' filter layout; PyTorch stores
 * [C_out, C_in, kh, kw]) and `bias` [C_out].
 */
export interface ConvolutionVariables {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** One HCN stream (position or motion): conv1 (1×1), conv2 (3×1), conv3 (3×3), conv4 (3×3). */
export interface ImageStreamVariables {
  readonly conv1: ConvolutionVariables;
  readonly conv2: ConvolutionVariables;
  readonly conv3: ConvolutionVariables;
  readonly conv4: ConvolutionVariables;
}

/** An image encoder: config and variables as plain data. */
export interface ImageEncoder extends EncoderModel<ImageEncoderConfig> {
  readonly kind: 'image';
  readonly position: ImageStreamVariables;
  readonly motion: ImageStreamVariables;
  /** conv5 and conv6, over the concatenated streams. */
  readonly fusion: { readonly conv5: ConvolutionVariables; readonly conv6: ConvolutionVariables };
  readonly head: HeadVariables;
}
