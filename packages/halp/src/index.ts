// halp: the meta-package. Re-exports the public API of every halp package, so that
// `import { trainStep, sphericalKMeans, slerp } from 'halp'` works, in Node and in the browser; what
// reads and writes files (pretrain, .npy datasets, checkpoints, backend selection under Node) is in
// `halp/node`. The packages stay importable one by one (`@halp/hypersphere` alone pulls no tfjs).
// Tensor forms live under their own subpaths (`@halp/hypersphere/tensor`, `@halp/hallucinate/tensor`)
// and are not re-exported here.

export * from '@halp/backend';
export * from '@halp/contrastive';
export * from '@halp/encoders';
export * from '@halp/evaluation';
export * from '@halp/hallucinate';
export * from '@halp/hypersphere';
export * from '@halp/optim';
export * from '@halp/prototypes';
export * from '@halp/random';
export * from '@halp/skeleton';
export * from '@halp/trainer';
export { BENCH_PRESETS, type BenchPreset, findPreset } from './bench/presets.js';
