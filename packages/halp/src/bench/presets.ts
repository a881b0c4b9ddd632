/** Where a benchmark's clips come from. */
export type BenchData =
  | { readonly kind: 'synthetic'; readonly benchmark: 'xsub' | 'xview' }
  /** A processed folder (`train_*` and `val_*`), given with `--data`. */
  | { readonly kind: 'folder' }
  /** Pretrain on `--data`, evaluate on another processed folder given with `--eval-data`. */
  | { readonly kind: 'transfer' };

import type { PretrainConfigOverrides } from '@halp/trainer';

/**
 * One benchmark: the paper's schedule scaled to a budget. Each seed pretrains the baseline for
 * `baselineEpochs`, then continues it for `continueEpochs` more, and, from the same checkpoint,
 * runs HaLP for `continueEpochs` (the paper: baseline to 200, both to 451); ISC and CMD rows do
 * the same with their own warm-up.
 */
export interface BenchPreset {
  readonly name: string;
  readonly description: string;
  readonly data: BenchData;
  readonly seeds: readonly number[];
  readonly baselineEpochs: number;
  readonly continueEpochs: number;
  /** Rows run by default (`halp bench --methods` overrides; names as the methods declare them). */
  readonly methods: readonly string[];
  /** Pretraining configuration shared by every method (the bench sets the rest per run). */
  readonly pretrain: Omit<PretrainConfigOverrides, BenchRunFields>;
  /** `methodOptions` of each registered method's runs (none listed: the method's defaults). */
  readonly methodOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Run the kNN monitor every this many epochs (the accuracy-over-epochs curve). */
  readonly knnEvery: number;
  readonly evaluation: {
    /** Epochs of the linear probe on frozen features. */
    readonly linearEpochs: number;
    readonly linearMilestones: readonly number[];
    readonly linearLearningRate: number;
    /** Labelled fraction and fine-tuning epochs of the semi-supervised protocol (0 epochs: skip). */
    readonly semiFraction: number;
    readonly semiEpochs: number;
    readonly semiLearningRate: number;
  };
}

/** What the bench sets for each run. */
type BenchRunFields = 'seed' | 'method' | 'methodOptions' | 'epochs' | 'knnEvery' | 'checkpoint';

/**
 * `methodOptions` per method from HaLP's, ISC's and CMD's: a method with HaLP added takes its base
 * method's options and HaLP's.
 */
function optionsPerMethod(
  halp: Readonly<Record<string, unknown>>,
  isc: Readonly<Record<string, unknown>>,
  cmd: Readonly<Record<string, unknown>>,
): BenchPreset['methodOptions'] {
  return { halp, isc, 'isc-halp': { ...isc, ...halp }, cmd, 'cmd-halp': { ...cmd, ...halp } };
}

/** The references' evaluation (`action_classification.py`): 80 epochs, drops at 50 and 70, lr 0.005 on NTU. */
const paperEvaluation: BenchPreset['evaluation'] = {
  linearEpochs: 80,
  linearMilestones: [50, 70],
  linearLearningRate: 0.005,
  semiFraction: 0.1,
  semiEpochs: 80,
  semiLearningRate: 0.005,
};

/** The paper's setting for NTU/PKU data prepared with `halp prepare` (BiGRU 3 × 1024, `--mlp`). */
function paperPreset(
  name: string,
  description: string,
  overrides: BenchPreset['pretrain'] = {},
  halp = {},
): BenchPreset {
  return {
    name,
    description,
    data: { kind: 'folder' },
    seeds: [0],
    baselineEpochs: 200,
    continueEpochs: 251,
    methods: ['baseline', 'halp'],
    pretrain: { optimizer: { milestones: [351] }, ...overrides },
    methodOptions: optionsPerMethod({ warmupKeys: 0, ...halp }, { pair: 'sequence+graph' }, {}),
    knnEvery: 5,
    evaluation: paperEvaluation,
  };
}

/** Width of the quick preset's embeddings, every encoder's head alike. */
const QUICK_EMBEDDING_SIZE = 64;

export const BENCH_PRESETS: readonly BenchPreset[] = [
  {
    name: 'quick',
    description: 'synthetic x-sub, small BiGRU: the whole pipeline on 2 CPU cores in minutes',
    data: { kind: 'synthetic', benchmark: 'xsub' },
    seeds: [0, 1, 2],
    // HaLP continues a baseline that has mostly converged, as in the paper (200 of 451 epochs): after
    // 24 epochs L_HaLP's pull dominated a still-weak encoder and cost ~6 points; after 48 it did not
    // (tooling/bench/halp-diagnostics.mjs).
    baselineEpochs: 48,
    continueEpochs: 12,
    methods: ['baseline', 'halp'],
    pretrain: {
      encoder: { hiddenSize: 128, numLayers: 1, head: 'mlp', embeddingSize: QUICK_EMBEDDING_SIZE },
      // ISC's graph stream: three small ST-GCN blocks (the reference's ten 64–256 blocks would
      // dominate the budget on two cores).
      graphEncoder: {
        blocks: [
          { channels: 16, stride: 1 },
          { channels: 32, stride: 2 },
          { channels: 64, stride: 2 },
        ],
        adaptive: false,
        head: 'mlp',
        embeddingSize: QUICK_EMBEDDING_SIZE,
      },
      frames: 32,
      batchSize: 32,
      queueSize: 512,
      keyMomentum: 0.99,
      optimizer: { learningRate: 0.05, milestones: [] },
      backend: 'wasm',
    },
    // The reference's HaLP settings (20 prototypes of the newest 256 keys every 10 steps, 100
    // positives, pool 20, skip 1, λ 0.8, μ 2), except the warm-up: the restored queue already holds
    // real keys, so HaLP starts after one batch instead of after 2K + 1 keys.
    // CMD's: neighbourhoods of half the queue, as the references' top-8192 of 16384 keys.
    methodOptions: optionsPerMethod({ warmupKeys: 32 }, { pair: 'sequence+graph' }, { topK: 256 }),
    knnEvery: 4,
    evaluation: {
      linearEpochs: 60,
      linearMilestones: [40, 50],
      linearLearningRate: 0.1,
      semiFraction: 0.1,
      semiEpochs: 30,
      semiLearningRate: 0.01,
    },
  },
  paperPreset('ntu60-xsub', 'NTU-60 cross-subject (paper: baseline 78.0 / HaLP 79.7 linear)'),
  paperPreset('ntu60-xview', 'NTU-60 cross-view (paper: 85.5 / 86.8 linear)'),
  paperPreset('ntu120-xsub', 'NTU-120 cross-subject (paper: 69.1 / 71.1 linear)'),
  paperPreset('ntu120-xset', 'NTU-120 cross-setup (paper: 69.8 / 72.2 linear)'),
  {
    ...paperPreset(
      'ntu60-to-pku2',
      'transfer: pretrain on NTU-60 (--data), evaluate on PKU-MMD II (--eval-data) (paper: HaLP 54.8 linear)',
    ),
    data: { kind: 'transfer' },
  },
  {
    // The reference's PKU-II run: baseline to 500, HaLP to 1001 with the drop at 801, μ 1, lr 0.001 probe.
    ...paperPreset(
      'pku2-xsub',
      'PKU-MMD II cross-subject (paper: 42.9 / 43.5 linear)',
      {
        optimizer: { milestones: [801] },
      },
      { mu: 1 },
    ),
    baselineEpochs: 500,
    continueEpochs: 501,
    evaluation: { ...paperEvaluation, linearLearningRate: 0.001 },
  },
];

export function findPreset(name: string): BenchPreset | undefined {
  return BENCH_PRESETS.find((preset) => preset.name === name);
}
