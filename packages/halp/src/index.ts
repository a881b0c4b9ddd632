// halp: the meta-package. Each halp package is re-exported whole as a namespace, so one dependency
// reaches everything without the packages' names colliding (`hallucinate.hallucinate`,
// `skeleton.motion`); the packages stay importable one by one (`@halp/hypersphere` alone pulls no
// tfjs), and their tensor forms live under their own subpaths (`@halp/hypersphere/tensor`).
//
// Every namespace holds the package's root entry, which also runs in the browser; `halp/node` holds
// the same namespaces with each package's Node-only `/node` subpath merged in (files, checkpoints,
// backend selection under Node), and `runBench`. What the meta-package adds itself: the benchmark
// presets, `halp/report` (the report's SVG figures) and the `halp` command line (the `bin`).

export * as backend from '@halp/backend';
export * as contrastive from '@halp/contrastive';
export * as encoders from '@halp/encoders';
export * as evaluation from '@halp/evaluation';
export * as hallucinate from '@halp/hallucinate';
export * as hypersphere from '@halp/hypersphere';
export * as optim from '@halp/optim';
export * as prototypes from '@halp/prototypes';
export * as random from '@halp/random';
export * as skeleton from '@halp/skeleton';
export * as torchCheckpoint from '@halp/torch-checkpoint';
export * as trainer from '@halp/trainer';
export { BENCH_PRESETS, type BenchPreset, findPreset } from './bench/presets.js';
export { type ImportedStream, referenceTrainingCheckpoint } from './reference-checkpoint.js';
