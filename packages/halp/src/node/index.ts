// halp/node: everything in `halp`, plus the Node-only parts of every package (files, checkpoints,
// backend selection under Node), the benchmark runner and the writer of its report folder.

export * from '@halp/backend/node';
export * from '@halp/encoders/node';
export * from '@halp/evaluation/node';
export * from '@halp/skeleton/node';
export * from '@halp/trainer/node';
export { type BenchRun, runBench } from '../bench/run-bench.js';
export * from '../index.js';
export { type ReportContents, type ReportPaths, writeReport } from '../report/write-report.js';
