import type { BackendPreference } from '@halp/backend';
import {
  type BiGruEncoderConfig,
  type GraphEncoderConfig,
  type ImageEncoderConfig,
  REFERENCE_GRAPH_ENCODER_SIZES,
  REFERENCE_IMAGE_ENCODER_SIZES,
} from '@halp/encoders';
import type { Modality } from '@halp/skeleton';

/** Which encoder family reads a stream's clips (see `@halp/encoders`' `encoderInput`). */
export type Representation = 'sequence' | 'graph' | 'image';

export const REPRESENTATIONS: readonly Representation[] = ['sequence', 'graph', 'image'];

/** A graph encoder's sizes; the graph itself (joints, bones, centre, bodies) comes from the data. */
export type GraphEncoderOptions = Omit<
  GraphEncoderConfig,
  'kind' | 'inputChannels' | 'joints' | 'bodies' | 'edges' | 'center'
>;

/** An image encoder's sizes; the input's shape (joints, frames, bodies) comes from the data. */
export type ImageEncoderOptions = Omit<
  ImageEncoderConfig,
  'kind' | 'inputChannels' | 'joints' | 'frames' | 'bodies'
>;

/** Everything a pretraining run needs, with the references' names noted where they differ. */
export interface PretrainConfig {
  /** Seed of every random draw of the run (init, queue, batches, augmentations, hallucination). */
  readonly seed: number;
  /** A registered method (`moco`, the baseline; `halp`; `isc`; `cmd`; …; see `builtInMethods`). */
  readonly method: string;
  /** Method-specific options, checked against the method’s option schema (which gives their defaults). */
  readonly methodOptions: Readonly<Record<string, unknown>>;
  /** The sequence (BiGRU) encoder; `inputSize` must be joints × 3 × bodies of the data. */
  readonly encoder: BiGruEncoderConfig;
  /** Sizes of the graph encoder (used by streams with the `graph` representation). */
  readonly graphEncoder: GraphEncoderOptions;
  /** Sizes of the image encoder (used by streams with the `image` representation). */
  readonly imageEncoder: ImageEncoderOptions;
  /**
   * The base stream's representation and modality; single-stream methods train exactly it, ISC
   * pairs representations in this modality, CMD trains modalities of this representation.
   */
  readonly representation: Representation;
  readonly modality: Modality;
  /** Frames T of each view after crop-resize (64 in the references). */
  readonly frames: number;
  readonly batchSize: number;
  /** Queue size K (`--contrast-k`). */
  readonly queueSize: number;
  /** InfoNCE temperature τ (`--contrast-t`). */
  readonly temperature: number;
  /** Key encoder momentum m (`--moco-m`). */
  readonly keyMomentum: number;
  readonly optimizer: {
    readonly learningRate: number;
    readonly momentum: number;
    readonly weightDecay: number;
    /** Epochs (0-based) at which the learning rate is multiplied by `gamma` (`--schedule`). */
    readonly milestones: readonly number[];
    readonly gamma: number;
  };
  /** Train until this epoch (exclusive, `--epochs`). */
  readonly epochs: number;
  readonly checkpoint: {
    /** Folder for checkpoints; null keeps none. */
    readonly directory: string | null;
    /** Save every this many epochs (and always at the end). */
    readonly every: number;
  };
  /** JSONL file for per-step and per-epoch metrics; null logs none. */
  readonly metricsFile: string | null;
  /** Run the kNN monitor every this many epochs (0: never). */
  readonly knnEvery: number;
  readonly backend: BackendPreference;
}

/**
 * Fields of a {@link PretrainConfig} to override, at any depth; arrays (milestones, graph blocks)
 * are replaced whole. What `parsePretrainConfig` completes with the defaults.
 */
export type PretrainConfigOverrides = Overrides<PretrainConfig>;

type Overrides<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [Field in keyof T]?: Overrides<T[Field]> }
    : T;

/** The references' BiGRU encoder for a 150-channel Kinect-25 input, with the `--mlp` head. */
const referenceEncoder: BiGruEncoderConfig = {
  inputSize: 150,
  hiddenSize: 1024,
  numLayers: 3,
  head: 'mlp',
  embeddingSize: 128,
  stepping: 'bidirectional',
  batchNorm: true,
};

/**
 * Defaults: the references' NTU-60 x-sub hyperparameters (batch 64, K 16384, τ 0.07, m 0.999,
 * SGD lr 0.01 momentum 0.9 wd 1e-4, lr drop at epoch 351 of 451).
 */
export const DEFAULT_PRETRAIN_CONFIG: PretrainConfig = {
  seed: 0,
  method: 'moco',
  methodOptions: {},
  encoder: referenceEncoder,
  graphEncoder: { ...REFERENCE_GRAPH_ENCODER_SIZES, head: 'mlp', embeddingSize: 128 },
  imageEncoder: { ...REFERENCE_IMAGE_ENCODER_SIZES, head: 'mlp', embeddingSize: 128 },
  representation: 'sequence',
  modality: 'joint',
  frames: 64,
  batchSize: 64,
  queueSize: 16384,
  temperature: 0.07,
  keyMomentum: 0.999,
  optimizer: { learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4, milestones: [351], gamma: 0.1 },
  epochs: 451,
  checkpoint: { directory: null, every: 50 },
  metricsFile: null,
  knnEvery: 0,
  backend: 'auto',
};
