// Benchmark of @halp/hypersphere primitives at HaLP's sizes (D = 128): per-call cost of the array
// form, the Fréchet mean of one k-means cluster (13 points, the average cluster of 256 keys in 20
// prototypes), and the batched tensor form on the CPU backend for one training step's hallucination
// batch (B = 64 anchors × 100 positives = 6400 rows).
//
// Run after `npx tsc -b packages/hypersphere`: node tooling/bench/hypersphere.mjs
// Prints a table and writes .bench-results/hypersphere.json.
import { importBuilt, loadTfjs } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { sampleMilliseconds } from './lib/timing.mjs';

const { expMap, frechetMean, geodesicAngle, logMap, matrixRow, normalize, randomUnitVectors, slerp } =
  await importBuilt('hypersphere');
const { geodesicAngleRows, normalizeRows, slerpRows } = await importBuilt('hypersphere', 'tensor/index.js');
const { createRandom, normal } = await importBuilt('random');

// The same tfjs instance the built tensor entry resolves (the optional peer lives in the package).
const { tf } = loadTfjs('hypersphere');

const DIMENSION = 128;
const CLUSTER_SIZE = 13;
const HALLUCINATION_ROWS = 6400;

/** Median over `samples` timings of `repeat` calls, in microseconds per call (after one warm-up sample). */
function microsecondsPerCall(run, repeat, samples = 15) {
  const repeated = () => {
    for (let i = 0; i < repeat; i += 1) run(i);
  };
  return (median(sampleMilliseconds(repeated, samples)) * 1000) / repeat;
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

writeResults('hypersphere', {
  benchmark: 'hypersphere',
  node: process.version,
  dimension: DIMENSION,
  arrayMicrosecondsPerCall: Object.fromEntries(arrayRows),
  tensorCpu: { rows: HALLUCINATION_ROWS, millisecondsPerCall: Object.fromEntries(tensorRows) },
});
