// Benchmark of @halp/prototypes: sphericalKMeans on HaLP's per-update workload (the newest 256 keys
// of dimension 128 into 20 prototypes, k-means++ seeding, tolerance 1e-3), for both centroid rules,
// against a NumPy implementation of the same algorithm (prototypes_numpy.py) on the same points.
//
// Run after `npx tsc -b packages/prototypes`: node tooling/bench/prototypes.mjs
// Prints a table and writes .bench-results/prototypes.json. The NumPy column is skipped (with a
// message) when python3 or NumPy is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixed } from './lib/format.mjs';
import { importBuilt } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { mean, median } from './lib/statistics.mjs';

const { randomUnitVectors } = await importBuilt('hypersphere');
const { sphericalKMeans } = await importBuilt('prototypes');
const { createRandom, normal, uniformInt } = await importBuilt('random');

const POINTS = 256;
const DIMENSION = 128;
const PROTOTYPES = 20;
const TRUE_CLUSTERS = 20;
// Per-coordinate noise around unit cluster centres: noise norm ≈ 0.08·√128 ≈ 0.9, i.e. points lie
// ~40° from their centre — overlapping clusters, so k-means needs several steps as on real keys.
const NOISE = 0.08;
// Ours and NumPy alternate in rounds of RUNS_PER_ROUND seeds, so that a change in the machine's
// load during the run affects both columns alike; medians are over all ROUNDS·RUNS_PER_ROUND seeds.
const ROUNDS = 5;
const RUNS_PER_ROUND = 40;
const WARMUP_RUNS = 20;
const RULES = ['normalized-mean', 'frechet'];

const here = dirname(fileURLToPath(import.meta.url));

/** n noisy points around `clusters` random unit centres, normalised, stored as float32 (as read back from tfjs). */
function clusteredPoints(random) {
  const centres = randomUnitVectors(TRUE_CLUSTERS, DIMENSION, random);
  const data = new Float32Array(POINTS * DIMENSION);
  const row = new Float64Array(DIMENSION);
  for (let i = 0; i < POINTS; i += 1) {
    const centre = uniformInt(random, TRUE_CLUSTERS);
    let squared = 0;
    for (let t = 0; t < DIMENSION; t += 1) {
      row[t] = centres.data[centre * DIMENSION + t] + NOISE * normal(random);
      squared += row[t] * row[t];
    }
    for (let t = 0; t < DIMENSION; t += 1) data[i * DIMENSION + t] = row[t] / Math.sqrt(squared);
  }
  return { rows: POINTS, columns: DIMENSION, data };
}

/** Times our sphericalKMeans on seeds firstSeed .. firstSeed + RUNS_PER_ROUND − 1. */
function timeOurs(points, centroid, firstSeed) {
  const samples = { times: [], iterations: [], objectives: [] };
  for (let seed = firstSeed; seed < firstSeed + RUNS_PER_ROUND; seed += 1) {
    const start = performance.now();
    const result = sphericalKMeans(points, PROTOTYPES, { seed, centroid });
    samples.times.push(performance.now() - start);
    samples.iterations.push(result.iterations);
    samples.objectives.push(result.objective);
  }
  return samples;
}

/** The NumPy samples for the same seeds (its own generator), or the reason they are missing. */
function timeNumpy(pointsFile, centroid, firstSeed) {
  const args = [POINTS, DIMENSION, PROTOTYPES, centroid, firstSeed, RUNS_PER_ROUND, WARMUP_RUNS].map(String);
  // One BLAS thread, like our single-threaded code: on 256×128 matrices, thread start-up and
  // contention only slow OpenBLAS down (2–3× on a busy machine).
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const run = spawnSync('python3', [join(here, 'prototypes_numpy.py'), pointsFile, ...args], {
    encoding: 'utf8',
    env,
  });
  if (run.error) return { skipped: `python3 not runnable (${run.error.code ?? run.error.message})` };
  if (run.status !== 0) return { skipped: `python3 failed: ${run.stderr.trim().split('\n').at(-1)}` };
  return JSON.parse(run.stdout);
}

const summary = (samples) => ({
  medianMs: median(samples.times),
  meanIterations: mean(samples.iterations),
  meanObjective: mean(samples.objectives),
});

const points = clusteredPoints(createRandom('prototypes-bench'));
const scratch = mkdtempSync(join(tmpdir(), 'halp-prototypes-bench-'));
const pointsFile = join(scratch, 'points.f32');
writeFileSync(pointsFile, new Uint8Array(points.data.buffer));

const rows = [];
try {
  for (const centroid of RULES) {
    for (let seed = 0; seed < WARMUP_RUNS; seed += 1) sphericalKMeans(points, PROTOTYPES, { seed, centroid });
    const ours = { times: [], iterations: [], objectives: [] };
    let numpy = { times: [], iterations: [], objectives: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      const firstSeed = round * RUNS_PER_ROUND;
      const oursRound = timeOurs(points, centroid, firstSeed);
      const numpyRound = numpy.skipped ? numpy : timeNumpy(pointsFile, centroid, firstSeed);
      for (const key of Object.keys(ours)) ours[key].push(...oursRound[key]);
      if (numpyRound.skipped) numpy = numpyRound;
      else for (const key of Object.keys(numpy)) numpy[key].push(...numpyRound[key]);
    }
    const oursSummary = summary(ours);
    const numpySummary = numpy.skipped ? numpy : summary(numpy);
    const ratio = numpy.skipped ? null : oursSummary.medianMs / numpySummary.medianMs;
    rows.push({ centroid, ours: oursSummary, numpy: numpySummary, ratio });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(
  `sphericalKMeans ${POINTS}×${DIMENSION} → ${PROTOTYPES} (k-means++, tolerance 1e-3), median of ${ROUNDS * RUNS_PER_ROUND} seeds`,
);
console.table(
  rows.map(({ centroid, ours, numpy, ratio }) => ({
    centroid,
    'ours ms': fixed(ours.medianMs, 3),
    'NumPy ms': fixed(numpy.medianMs, 3),
    'ours/NumPy': fixed(ratio, 2),
    'ours iterations': fixed(ours.meanIterations, 2),
    'NumPy iterations': fixed(numpy.meanIterations, 2),
    'ours objective': fixed(ours.meanObjective, 2),
    'NumPy objective': fixed(numpy.meanObjective, 2),
  })),
);
for (const { centroid, numpy } of rows) {
  if (numpy.skipped) console.log(`NumPy column skipped for ${centroid}: ${numpy.skipped}`);
}

writeResults('prototypes', {
  benchmark: 'prototypes',
  workload: {
    points: POINTS,
    dimension: DIMENSION,
    prototypes: PROTOTYPES,
    trueClusters: TRUE_CLUSTERS,
    noise: NOISE,
  },
  runs: { warmup: WARMUP_RUNS, rounds: ROUNDS, perRound: RUNS_PER_ROUND },
  node: process.version,
  results: rows,
});
