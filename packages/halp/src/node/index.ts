// halp/node: the namespaces of `halp`, with each package's Node-only `/node` subpath merged into its
// namespace (`skeleton.readNpy`, `trainer.pretrain`, `backend.selectBackend`), the benchmark runner
// and the writer of its report folder.

export { type BenchRun, runBench } from '../bench/run-bench.js';
export {
  BENCH_PRESETS,
  type BenchPreset,
  contrastive,
  findPreset,
  hallucinate,
  hypersphere,
  type ImportedStream,
  optim,
  prototypes,
  random,
  referenceTrainingCheckpoint,
} from '../index.js';
export { type ReportContents, type ReportPaths, writeReport } from '../report/write-report.js';
export * as backend from './namespaces/backend.js';
export * as encoders from './namespaces/encoders.js';
export * as evaluation from './namespaces/evaluation.js';
export * as skeleton from './namespaces/skeleton.js';
export * as torchCheckpoint from './namespaces/torch-checkpoint.js';
export * as trainer from './namespaces/trainer.js';
