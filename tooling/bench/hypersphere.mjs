// Benchmark of @halp/hypersphere primitives at HaLP's sizes (D = 128): per-call cost of the array
// form, the Fréchet mean of one k-means cluster (13 points, the average cluster of 256 keys in 20
// prototypes), and the batched tensor form on the CPU backend for one training step's hallucination
// batch (B = 64 anchors × 100 positives = 6400 rows).
//
// Run after `npx tsc -b packages/hypersphere`: node tooling/bench/hypersphere.mjs
// Prints a table and writes .bench-results/hypersphere.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expMap,
  frechetMean,
  geodesicAngle,
  logMap,
  matrixRow,
  normalize,
  randomUnitVectors,
  slerp,
} from '../../packages/hypersphere/dist/index.js';
import { geodesicAngleRows, normalizeRows, slerpRows } from '../../packages/hypersphere/dist/tensor/index.js';
import { createRandom, normal } from '../../packages/random/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// The same tfjs instance the built tensor entry resolves (the optional peer lives in the package).
const requireFromPackage = createRequire(join(here, '../../packages/hypersphere/package.json'));
const tf = requireFromPackage('@tensorflow/tfjs-core');
requireFromPackage('@tensorflow/tfjs-backend-cpu');

const DIMENSION = 128;
const CLUSTER_SIZE = 13;
const HALLUCINATION_ROWS = 6400;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median over `samples` timings of `repeat` calls, in microseconds per call (after one warm-up sample). */
function microsecondsPerCall(run, repeat, samples = 15) {
  const times = [];
  for (let sample = 0; sample <= samples; sample += 1) {
    const start = performance.now();
    for (let i = 0; i < repeat; i += 1) run(i);
    if (sample > 0) times.push(((performance.now() - start) * 1000) / repeat);
  }
  return median(times);
}

/** A cluster of unit points ~0.3 rad around a random centre. */
function cluster(random) {
  const centre = matrixRow(randomUnitVectors(1, DIMENSION, random), 0);
  return Array.from({ length: CLUSTER_SIZE }, () =>
    normalize(Float64Array.from(centre, (value) => value + 0.03 * normal(random))),
  );
}

const random = createRandom(1);
const points = randomUnitVectors(1024, DIMENSION, random);
const row = (i) => matrixRow(points, i % 1024);
const clusters = Array.from({ length: 20 }, () => cluster(random));

const arrayRows = [
  ['geodesicAngle', microsecondsPerCall((i) => geodesicAngle(row(i), row(i + 1)), 2000)],
  ['slerp', microsecondsPerCall((i) => slerp(row(i), row(i + 1), 0.3), 2000)],
  ['logMap', microsecondsPerCall((i) => logMap(row(i), row(i + 1)), 2000)],
  ['expMap', microsecondsPerCall((i) => expMap(row(i), row(i + 7)), 2000)],
  [`frechetMean (${CLUSTER_SIZE} points)`, microsecondsPerCall((i) => frechetMean(clusters[i % 20]), 200)],
];

await tf.setBackend('cpu');
const anchors = tf.tensor2d(Float32Array.from(points.data.subarray(0, 64 * DIMENSION)), [64, DIMENSION]);
const keys = tf.tile(anchors, [100, 1]);
const prototypes = tf.tensor2d(
  Float32Array.from(
    { length: HALLUCINATION_ROWS * DIMENSION },
    (_, i) => points.data[(i * 7) % points.data.length],
  ),
  [HALLUCINATION_ROWS, DIMENSION],
);
const t = tf.randomUniform([HALLUCINATION_ROWS], 0, 1, 'float32', 3);
const timeTensor = (f) =>
  microsecondsPerCall(
    () => {
      const result = f();
      result.dataSync();
      result.dispose();
    },
    1,
    5,
  ) / 1000;
const tensorRows = [
  ['normalizeRows', timeTensor(() => normalizeRows(prototypes))],
  ['geodesicAngleRows', timeTensor(() => geodesicAngleRows(keys, prototypes))],
  ['slerpRows', timeTensor(() => slerpRows(keys, prototypes, t))],
];
tf.dispose([anchors, keys, prototypes, t]);

console.log(`Array form, D = ${DIMENSION} (µs per call, median):`);
console.table(arrayRows.map(([operation, us]) => ({ operation, 'µs/call': Number(us.toFixed(2)) })));
console.log(`Tensor form, CPU backend, [${HALLUCINATION_ROWS}, ${DIMENSION}] (ms per call, median):`);
console.table(tensorRows.map(([operation, ms]) => ({ operation, 'ms/call': Number(ms.toFixed(2)) })));

const resultsDirectory = join(here, '../../.bench-results');
mkdirSync(resultsDirectory, { recursive: true });
const report = {
  benchmark: 'hypersphere',
  node: process.version,
  dimension: DIMENSION,
  arrayMicrosecondsPerCall: Object.fromEntries(arrayRows),
  tensorCpu: { rows: HALLUCINATION_ROWS, millisecondsPerCall: Object.fromEntries(tensorRows) },
};
writeFileSync(join(resultsDirectory, 'hypersphere.json'), `${JSON.stringify(report, null, 2)}\n`);
