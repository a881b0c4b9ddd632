// Benchmark of @halp/evaluation: cosine kNN in the plain-array form against the block-wise tfjs form
// (same predictions), and one epoch of the linear probe on cached features, on the CPU backend unless
// BENCH_BACKEND says otherwise.
// Sizes are scaled down from NTU-60 xsub (40k train × 16k test × 2048) so that the array form
// finishes; the tensor form's cost grows as train × test × width.
//
// Run after `npx tsc -b packages/evaluation`: node tooling/bench/evaluation.mjs
// Prints a table and writes .bench-results/evaluation.json.

import { importBuilt, registerGradients } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';

await registerGradients();
const { knnPredict, knnPredictTensor, trainLinearProbe } = await importBuilt('evaluation');
const { selectBackend } = await importBuilt('backend', 'node/index.js');
const { matrix } = await importBuilt('hypersphere');
const { createRandom, fillNormal, uniformInt } = await importBuilt('random');

// BENCH_BACKEND=wasm (or tensorflow, webgpu) picks another backend through @halp/backend.
const backend = await selectBackend({ preference: process.env.BENCH_BACKEND ?? 'cpu' });

const random = createRandom('evaluation bench');
const features = (rows, columns) =>
  matrix(rows, columns, fillNormal(random, new Float32Array(rows * columns)));
const labels = (rows, classes) => Int32Array.from({ length: rows }, () => uniformInt(random, classes));

async function time(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

const rows = [];
for (const [trainRows, queryRows, width] of [
  [2000, 500, 256],
  [4000, 1000, 512],
]) {
  const train = features(trainRows, width);
  const queries = features(queryRows, width);
  const trainLabels = labels(trainRows, 60);
  const plain = await time(() => knnPredict(train, trainLabels, queries, 20));
  const tensor = await time(() => knnPredictTensor(train, trainLabels, queries, 20));
  const agree = plain.result.every((label, i) => label === tensor.result[i]);
  rows.push({
    case: `kNN k=20, ${trainRows} train × ${queryRows} queries × ${width}`,
    arrayMs: Math.round(plain.ms),
    tensorMs: Math.round(tensor.ms),
    samePredictions: agree,
  });
}

const probeFeatures = features(4000, 512);
const probeLabels = labels(4000, 60);
const probe = await time(() =>
  trainLinearProbe(probeFeatures, probeLabels, { classes: 60, random, epochs: 2, learningRate: 0.1 }),
);
probe.result.classifier.kernel.dispose();
probe.result.classifier.bias.dispose();
rows.push({
  case: 'linear probe, 4000 × 512 features, 60 classes, batch 256',
  msPerEpoch: Math.round(probe.ms / 2),
});

console.log(`backend: ${backend.name}`);
console.table(rows);
writeResults('evaluation', { backend: backend.name, rows });
