import type * as tf from '@tensorflow/tfjs-core';
import type { EncoderModel } from '../encoder-kind.js';
import type { HeadKind } from '../head.js';
import type { BatchNormVariables, HeadVariables, NamedVariable } from '../variables.js';

/** One block of the graph encoder: its output channels and its temporal stride. */
export interface GraphBlockSizes {
  readonly channels: number;
  /** Frames advance by this much in the block's temporal convolution (2 halves T). */
  readonly stride: number;
}

/**
 * Sizes of the graph encoder of ISC / Skeleton-Contrast (docs/method.md §4): the 2s-AGCN of its
 * reference (`moco/AGCN.py`), an ST-GCN whose spatial graph convolution can learn its adjacency.
 * The graph is part of the config, so a saved encoder is self-contained (a browser can load it
 * without the layout). Input: grids x [B, M, T, V, C] (channels last).
 */
export interface GraphEncoderConfig {
  readonly kind: 'graph';
  /** Channels per joint C (3 coordinates). */
  readonly inputChannels: number;
  /** Joints V of the layout. */
  readonly joints: number;
  /** Bodies M per clip (folded into the batch, averaged at the end as ST-GCN does). */
  readonly bodies: number;
  /** Bones of the layout as undirected edges between joint indices (a repeated edge counts once). */
  readonly edges: readonly (readonly [number, number])[];
  /** Joint from which the spatial partition measures distances (centripetal / centrifugal). */
  readonly center: number;
  /** The blocks bottom-up; the last one's channels are the features' width. */
  readonly blocks: readonly GraphBlockSizes[];
  /** Frames the temporal convolution of each block spans (odd; 9 in the reference). */
  readonly temporalKernel: number;
  /**
   * 2s-AGCN's adaptive graph (true in the reference): each block adds to the fixed partition A_k a
   * learned offset B_k and a per-sample attention C_k. False gives ST-GCN's fixed spatial graph
   * convolution (cheaper: no attention embeddings).
   */
  readonly adaptive: boolean;
  readonly head: HeadKind;
  readonly embeddingSize: number;
}

/**
 * The reference's backbone (`moco/AGCN.py`, 2s-AGCN): ten blocks of 64, 64, 64, 64, 128 (stride 2),
 * 128, 128, 256 (stride 2), 256, 256 channels, temporal kernel 9, adaptive graph; 256 features.
 */
export const REFERENCE_GRAPH_ENCODER_SIZES: Pick<
  GraphEncoderConfig,
  'blocks' | 'temporalKernel' | 'adaptive'
> = {
  blocks: [
    { channels: 64, stride: 1 },
    { channels: 64, stride: 1 },
    { channels: 64, stride: 1 },
    { channels: 64, stride: 1 },
    { channels: 128, stride: 2 },
    { channels: 128, stride: 1 },
    { channels: 128, stride: 1 },
    { channels: 256, stride: 2 },
    { channels: 256, stride: 1 },
    { channels: 256, stride: 1 },
  ],
  temporalKernel: 9,
  adaptive: true,
};

/** A 1×1 convolution over channels: `x · kernel + bias` (kernel [C_in, C_out]). */
export interface PointwiseConvVariables {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** A convolution followed by BatchNorm (the reference's `down` and `unit_tcn`). */
export interface NormalisedConvVariables extends PointwiseConvVariables {
  readonly norm: BatchNormVariables;
}

/**
 * 2s-AGCN's data-dependent part of the adjacency: the offset B_k [K, V, V] and the two embeddings
 * whose similarity gives the attention C_k.
 */
export interface AdaptiveAdjacencyVariables {
  readonly offset: tf.Variable;
  /** Embeds the joint that receives (rows of C_k): kernel [C_in, K·C_e]. */
  readonly receiving: PointwiseConvVariables;
  /** Embeds the joint that sends (columns of C_k): kernel [C_in, K·C_e]. */
  readonly sending: PointwiseConvVariables;
}

/** The spatial graph convolution of a block (the reference's `unit_gcn`). */
export interface GraphConvVariables {
  /** Null for a fixed graph (`config.adaptive` false). */
  readonly adaptive: AdaptiveAdjacencyVariables | null;
  /** The K per-partition 1×1 convolutions stacked: kernel [K·C_in, C_out], bias [K, C_out]. */
  readonly conv: PointwiseConvVariables;
  readonly norm: BatchNormVariables;
  /** Projection of the block's input to C_out channels; null when C_in = C_out (identity). */
  readonly down: NormalisedConvVariables | null;
}

/** What a block adds to its output: nothing (first block), its input, or a strided projection. */
export type GraphResidual =
  | { readonly kind: 'none' }
  | { readonly kind: 'identity' }
  | { readonly kind: 'projection'; readonly conv: NormalisedConvVariables };

/** One block (the reference's `TCN_GCN_unit`). */
export interface GraphBlockVariables {
  readonly stride: number;
  readonly graphConv: GraphConvVariables;
  /** Kernel [k·C_out, C_out]: row j·C_out + c holds the weight of frame offset j, channel c. */
  readonly temporalConv: NormalisedConvVariables;
  readonly residual: GraphResidual;
}

/** A graph encoder: config and variables as plain data. */
export interface GraphEncoder extends EncoderModel<GraphEncoderConfig> {
  readonly kind: 'graph';
  /**
   * The fixed partition A_k of the config's graph, flat [K, V, V] (see `spatialPartition`), kept
   * as plain numbers so the encoder owns no tensor besides its variables.
   */
  readonly partition: Float32Array;
  /** BatchNorm over the M·V·C input channels (the reference's `data_bn`). */
  readonly inputNorm: BatchNormVariables;
  readonly blocks: readonly GraphBlockVariables[];
  readonly head: HeadVariables;
  readonly variables: readonly NamedVariable[];
}
