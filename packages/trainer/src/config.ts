import type { BackendPreference } from '@halp/backend';
import type { BiGruEncoderConfig } from '@halp/encoders';
import type { Modality } from '@halp/skeleton';

/** Everything a pretraining run needs, with the references' names noted where they differ. */
export interface PretrainConfig {
  /** Seed of every random draw of the run (init, queue, batches, augmentations, hallucination). */
  readonly seed: number;
  /** Registered method name: `moco` (baseline) or `halp`. */
  readonly method: string;
  /** Method-specific options; each method lists the keys it accepts and their defaults. */
  readonly methodOptions: Readonly<Record<string, unknown>>;
  readonly encoder: BiGruEncoderConfig;
  /** Input modality fed to the encoder. */
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
