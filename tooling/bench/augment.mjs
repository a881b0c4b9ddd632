// Benchmark of the data path of @halp/skeleton on one core: the augmentations of ISC / HaLP at
// T = 64 (temporal crop-resize, shear, joint corruption), the sequence representation and the
// modalities, the full per-view path, and the seeded prefetching batcher. Also times the synthetic
// dataset generator and reports the raw-clip 1-NN baseline of its cross-subject / cross-view
// splits (flattened clips, centre-resampled to 32 frames, cosine similarity), the floor a learned
// encoder has to beat.
//
// Run after `npx tsc -b packages/skeleton`: node tooling/bench/augment.mjs [performers]
// Prints tables and writes .bench-results/augment.json.

import { importBuilt } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { sampleMilliseconds } from './lib/timing.mjs';

const { createRandom } = await importBuilt('random');
const {
  bone,
  centerCropResize,
  createBatcher,
  generateSyntheticDataset,
  inMemoryDataset,
  jointCorruption,
  kinect25,
  motion,
  randomTemporalCropResize,
  shear,
  skeletonContrastView,
  syntheticSplit,
  toSequence,
} = await importBuilt('skeleton');

const performers = Number(process.argv[2] ?? 10);

/** Clips per second of `perClip` over all clips, median of `samples` passes after a warm-up pass. */
function clipsPerSecond(clips, perClip, samples = 5) {
  const pass = () => {
    for (let i = 0; i < clips.length; i += 1) perClip(clips[i], i);
  };
  const milliseconds = median(sampleMilliseconds(pass, samples));
  return (1000 * clips.length) / milliseconds;
}

// Synthetic dataset: generation speed.
const generationStart = performance.now();
const synthetic = generateSyntheticDataset({ seed: 1, performers, cameras: 3, replications: 3 });
const generationSeconds = (performance.now() - generationStart) / 1000;
const dataset = inMemoryDataset(synthetic);
const clips = Array.from({ length: Math.min(512, dataset.length) }, (_, n) => ({
  clip: dataset.clip(n),
  validFrames: dataset.validFrames(n),
}));

// Per-operation throughput at T = 64.
const random = createRandom(7);
const cropped = clips.map(({ clip, validFrames }) => randomTemporalCropResize(clip, validFrames, random));
const sequenceBuffer = new Float32Array(64 * 150);
const operations = {
  'temporal crop-resize (300 → 64)': () =>
    clipsPerSecond(clips, (c) => randomTemporalCropResize(c.clip, c.validFrames, random)),
  'shear (T = 64)': () => clipsPerSecond(cropped, (clip) => shear(clip, random)),
  'joint corruption (T = 64)': () => clipsPerSecond(cropped, (clip) => jointCorruption(clip, random)),
  'sequence 64 × 150': () => clipsPerSecond(cropped, (clip) => toSequence(clip, sequenceBuffer)),
  'motion (T = 64)': () => clipsPerSecond(cropped, (clip) => motion(clip)),
  'bone (T = 64)': () => clipsPerSecond(cropped, (clip) => bone(clip, kinect25)),
  'full view: crop + shear|corruption + sequence': () =>
    clipsPerSecond(clips, (c) =>
      toSequence(skeletonContrastView(c.clip, c.validFrames, random), sequenceBuffer),
    ),
};
const throughput = Object.fromEntries(Object.entries(operations).map(([name, run]) => [name, run()]));

// The batcher as a trainer uses it: batches of 64 samples, two views each. The consumer simulates a
// training step that awaits the accelerator for `stepMilliseconds`; what matters is how long it then
// waits for the next batch.
async function batcherWait(prefetch, stepMilliseconds) {
  const batcher = createBatcher(dataset, {
    batchSize: 64,
    random: createRandom(3),
    prefetch,
    transform: (sample, sampleRandom) => [
      toSequence(skeletonContrastView(sample.clip, sample.validFrames, sampleRandom)),
      toSequence(skeletonContrastView(sample.clip, sample.validFrames, sampleRandom)),
    ],
  });
  const iterator = batcher.epoch(0);
  const waits = [];
  const start = performance.now();
  let samples = 0;
  for (;;) {
    const requested = performance.now();
    const next = await iterator.next();
    if (next.done) break;
    waits.push(performance.now() - requested);
    samples += next.value.items.length;
    if (stepMilliseconds > 0) await new Promise((resolve) => setTimeout(resolve, stepMilliseconds));
  }
  return {
    samplesPerSecond: (1000 * samples) / (performance.now() - start),
    // The first batch cannot be prepared ahead; the steady state is what a long run sees.
    medianWaitAfterFirstMs: median(waits.slice(1)),
  };
}
const batcherRuns = {};
for (const [prefetch, step] of [
  [0, 0],
  [0, 30],
  [2, 30],
]) {
  batcherRuns[`prefetch ${prefetch}, step ${step} ms`] = await batcherWait(prefetch, step);
}

// Raw-clip 1-NN baseline.
function rawNearestNeighbour(benchmark) {
  const features = Array.from({ length: dataset.length }, (_, n) => {
    const values = centerCropResize(dataset.clip(n), dataset.validFrames(n), 1, 32).data;
    let norm = 0;
    for (const value of values) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    return Float64Array.from(values, (value) => value / norm);
  });
  const { train, val } = syntheticSplit(synthetic, benchmark);
  let correct = 0;
  for (const query of val) {
    let best = Number.NEGATIVE_INFINITY;
    let predicted = -1;
    for (const candidate of train) {
      let similarity = 0;
      const a = features[query];
      const b = features[candidate];
      for (let i = 0; i < a.length; i += 1) similarity += a[i] * b[i];
      if (similarity > best) {
        best = similarity;
        predicted = synthetic.labels[candidate];
      }
    }
    if (predicted === synthetic.labels[query]) correct += 1;
  }
  return { train: train.length, val: val.length, accuracy: correct / val.length };
}
const baseline = { xsub: rawNearestNeighbour('xsub'), xview: rawNearestNeighbour('xview') };

const fullView = throughput['full view: crop + shear|corruption + sequence'];
console.log('\nAugmentation path, one core (clips/s)');
console.table(
  Object.fromEntries(
    Object.entries(throughput).map(([name, rate]) => [name, { 'clips/s': Math.round(rate) }]),
  ),
);
console.log(
  `Full path per training batch of 64 samples × 2 views: ${((128 / fullView) * 1000).toFixed(1)} ms of one core`,
);
console.log('\nBatcher, 64 samples × 2 views per batch; the consumer awaits a simulated step');
console.table(
  Object.fromEntries(
    Object.entries(batcherRuns).map(([name, run]) => [
      name,
      {
        'samples/s': Math.round(run.samplesPerSecond),
        'median wait for a batch (ms)': run.medianWaitAfterFirstMs.toFixed(2),
      },
    ]),
  ),
);
console.log(
  `\nSynthetic dataset: ${synthetic.shape.count} clips (${synthetic.classNames.length} classes) in ${generationSeconds.toFixed(1)} s`,
);
console.log('Raw-clip cosine 1-NN baseline (chance', (100 / synthetic.classNames.length).toFixed(1), '%)');
console.table(
  Object.fromEntries(
    Object.entries(baseline).map(([benchmark, result]) => [
      benchmark,
      { train: result.train, val: result.val, 'top-1 %': (100 * result.accuracy).toFixed(1) },
    ]),
  ),
);

writeResults('augment', {
  clipsPerSecond: throughput,
  batchMillisecondsTwoViews64: (128 / fullView) * 1000,
  batcher: batcherRuns,
  synthetic: {
    clips: synthetic.shape.count,
    classes: synthetic.classNames.length,
    generationSeconds,
    rawNearestNeighbourTop1: baseline,
  },
});
