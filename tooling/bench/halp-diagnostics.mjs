// Diagnostics of HaLP's hallucinated positives on the `quick` bench (synthetic x-sub): are they
// semantically valid, i.e. do they land near keys of the anchor's class?
//
// For encoders at several stages (random init; the checkpoints a `halp bench` run leaves), it embeds
// the 540 training clips under the pretraining augmentation with the key (momentum) encoder — the
// encoder that makes HaLP's anchors and queue — and measures:
//   - prototypes: spherical k-means of 256 keys into 20 (what HaLP does), their class purity and how
//     many classes each mixes;
//   - hallucinated positives (reference defaults: G 100, pool 20, skip 1, λ 0.8) of every key: the
//     share whose nearest *other-clip* key (cosine) has the anchor's class, against the same share
//     for the ordinary positive (the clip's other augmented view), for the anchor itself
//     (leave-one-clip-out 1-NN) and chance; t*, t, kept fraction, cos(anchor, positive) vs
//     cos(view 1, view 2).
//
// Usage (after `npx -y pnpm@10 build` and e.g. `node packages/halp/dist/cli.js bench --seeds 1 --out
// /tmp/diag-report`):
//   node tooling/bench/halp-diagnostics.mjs [report folder …]   (default /tmp/diag-report)
// Every checkpoint under <report>/runs/seed-0/{baseline,halp}/epoch-* is measured. Prints a table and
// writes .bench-results/halp-diagnostics.json.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const built = (name) => import(new URL(`packages/${name}/dist/index.js`, root).href);
await import(new URL('packages/backend/dist/register-gradients.js', root).href);
const { selectBackend } = await built('backend');
const encodersRequire = createRequire(new URL('packages/encoders/package.json', root));
const tf = await import(pathToFileURL(encodersRequire.resolve('@tensorflow/tfjs-core')).href);
const { encode } = await built('encoders');
const { builtInMethods } = await built('contrastive');
const { hallucinate } = await built('hallucinate');
const { matrix } = await built('hypersphere');
const { sphericalKMeans } = await built('prototypes');
const { createRandom, forkRandom, sampleWithoutReplacement } = await built('random');
const { generateSyntheticDataset, inMemoryDataset, kinect25, subsetDataset, syntheticSplit } =
  await built('skeleton');
const {
  contrastiveViews,
  createTrainingState,
  disposeTrainingState,
  parsePretrainConfig,
  readCheckpoint,
  restoreTrainingState,
} = await built('trainer');
const { findPreset } = await built('halp');

const SEED = 0;
const PROTOTYPES = 20;
const KEYS_FOR_PROTOTYPES = 256;
/** Independent prototype draws (256-key subset + k-means seeding + hallucination) averaged per stage. */
const REPEATS = 3;
const BATCH = 60;

await selectBackend({ preference: 'wasm' });
const preset = findPreset('quick');
const reports = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/tmp/diag-report'];

const dataset = generateSyntheticDataset({ seed: 0 });
const split = syntheticSplit(dataset, preset.data.benchmark);
const train = subsetDataset(inMemoryDataset(dataset), split.train);
const labels = Int32Array.from({ length: train.length }, (_, i) => train.label(i));
const classCount = dataset.classNames.length;

/** Both augmented views of every training clip, drawn once so every encoder sees the same inputs. */
function augmentedViews(frames) {
  const transform = contrastiveViews(frames, 'joint', kinect25);
  const random = forkRandom(createRandom(SEED), 'diagnostic-views');
  return Array.from({ length: train.length }, (_, index) =>
    transform(
      {
        index,
        clip: train.clip(index),
        validFrames: train.validFrames(index),
        label: train.label(index),
        name: train.name(index),
      },
      forkRandom(random, String(index)),
    ),
  );
}

/** Normalised head outputs of the sequences, with BatchNorm's running statistics, as an n × E matrix. */
async function embed(encoder, sequences, frames) {
  const width = sequences[0].length / frames;
  const rows = [];
  for (let start = 0; start < sequences.length; start += BATCH) {
    const chunk = sequences.slice(start, start + BATCH);
    const input = new Float32Array(chunk.length * frames * width);
    chunk.forEach((sequence, i) => input.set(sequence, i * frames * width));
    const unit = tf.tidy(() => {
      const x = tf.tensor3d(input, [chunk.length, frames, width]);
      const { embedding } = encode(encoder, x, { training: false });
      return tf.div(embedding, tf.maximum(tf.norm(embedding, 2, 1, true), 1e-12));
    });
    rows.push(await unit.data());
    unit.dispose();
  }
  const columns = rows[0].length / Math.min(BATCH, sequences.length);
  const data = new Float64Array(sequences.length * columns);
  let offset = 0;
  for (const values of rows) {
    data.set(values, offset);
    offset += values.length;
  }
  return matrix(sequences.length, columns, data);
}

/** Index of the key most similar (cosine, unit rows) to `point`, skipping the clip `excluded`. */
function nearestKey(keys, point, pointOffset, excluded) {
  const { columns, data } = keys;
  let best = -1;
  let bestSimilarity = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < keys.rows; k += 1) {
    if (k === excluded) continue;
    let similarity = 0;
    for (let d = 0; d < columns; d += 1) similarity += data[k * columns + d] * point[pointOffset + d];
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      best = k;
    }
  }
  return best;
}

function rowDot(a, i, b, j) {
  let sum = 0;
  for (let d = 0; d < a.columns; d += 1) sum += a.data[i * a.columns + d] * b.data[j * b.columns + d];
  return sum;
}

/** Majority class of each prototype's members and the share of members that have it. */
function prototypeComposition(assignments, memberLabels, prototypeCount) {
  const counts = Array.from({ length: prototypeCount }, () => new Int32Array(classCount));
  assignments.forEach((p, i) => {
    counts[p][memberLabels[i]] += 1;
  });
  const majority = counts.map((row) => row.indexOf(Math.max(...row)));
  const classesMixed = counts.map((row) => row.filter((c) => c > 0).length);
  const sizes = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const pure = counts.reduce((sum, row, p) => sum + row[majority[p]], 0);
  const nonEmpty = sizes.filter((s) => s > 0).length;
  return {
    majority,
    purity: pure / assignments.length,
    meanClassesMixed: classesMixed.reduce((a, b) => a + b, 0) / nonEmpty,
    nonEmpty,
  };
}

/** Every measure of one repeat: prototypes from 256 keys, positives of all keys. */
function measureRepeat(keys, otherView, random) {
  const n = keys.rows;
  const columns = keys.columns;
  const subset = sampleWithoutReplacement(forkRandom(random, 'subset'), n, KEYS_FOR_PROTOTYPES);
  const subsetKeys = matrix(KEYS_FOR_PROTOTYPES, columns);
  subset.forEach((k, i) =>
    subsetKeys.data.set(keys.data.subarray(k * columns, (k + 1) * columns), i * columns),
  );
  const clusters = sphericalKMeans(subsetKeys, PROTOTYPES, { random: forkRandom(random, 'kmeans') });
  const composition = prototypeComposition(
    clusters.assignments,
    Array.from(subset, (k) => labels[k]),
    PROTOTYPES,
  );

  const h = hallucinate(keys, clusters.centroids, {}, forkRandom(random, 'hallucinate'));
  const G = h.positivesPerAnchor;
  let kept = 0;
  let keptValid = 0;
  let keptTowardsOwnClass = 0;
  let sumT = 0;
  let sumTMax = 0;
  let sumCos = 0;
  let allValid = 0;
  for (let i = 0; i < h.t.length; i += 1) {
    const anchor = Math.floor(i / G);
    sumTMax += h.tMax[i];
    const valid = labels[nearestKey(keys, h.positives.data, i * columns, anchor)] === labels[anchor] ? 1 : 0;
    allValid += valid;
    if (h.keep[i] === 0) continue;
    kept += 1;
    keptValid += valid;
    sumT += h.t[i];
    sumCos += rowDot(h.positives, i, keys, anchor);
    if (composition.majority[h.selected[i]] === labels[anchor]) keptTowardsOwnClass += 1;
  }

  const meanPositive = new Float64Array(columns);
  let meanPositiveValid = 0;
  let anchorsWithPositives = 0;
  for (let anchor = 0; anchor < n; anchor += 1) {
    meanPositive.fill(0);
    for (let g = 0; g < G; g += 1) {
      const i = anchor * G + g;
      if (h.keep[i] === 0) continue;
      for (let d = 0; d < columns; d += 1) meanPositive[d] += h.positives.data[i * columns + d];
    }
    if (meanPositive.every((v) => v === 0)) continue;
    anchorsWithPositives += 1;
    meanPositiveValid += labels[nearestKey(keys, meanPositive, 0, anchor)] === labels[anchor] ? 1 : 0;
  }

  let augmentedValid = 0;
  let anchorValid = 0;
  let cosNearest = 0;
  let anchorPStarOwnClass = 0;
  let viewCos = 0;
  for (let k = 0; k < n; k += 1) {
    augmentedValid += labels[nearestKey(keys, otherView.data, k * columns, k)] === labels[k] ? 1 : 0;
    const nearest = nearestKey(keys, keys.data, k * columns, k);
    anchorValid += labels[nearest] === labels[k] ? 1 : 0;
    cosNearest += rowDot(keys, k, keys, nearest);
    anchorPStarOwnClass += composition.majority[h.anchorClosest[k]] === labels[k] ? 1 : 0;
    viewCos += rowDot(keys, k, otherView, k);
  }
  const randomValid = chanceOfSameClass();
  return {
    prototypePurity: composition.purity,
    classesPerPrototype: composition.meanClassesMixed,
    nonEmptyPrototypes: composition.nonEmpty,
    anchorPStarMajorityIsOwnClass: anchorPStarOwnClass / n,
    keptFraction: kept / h.t.length,
    meanTMax: sumTMax / h.t.length,
    meanT: sumT / Math.max(kept, 1),
    halluValidKept: keptValid / Math.max(kept, 1),
    halluValidAll: allValid / h.t.length,
    meanPositiveValid: meanPositiveValid / Math.max(anchorsWithPositives, 1),
    pSelMajorityIsOwnClass: keptTowardsOwnClass / Math.max(kept, 1),
    augmentedValid: augmentedValid / n,
    anchorValid: anchorValid / n,
    randomValid,
    cosAnchorPositive: sumCos / Math.max(kept, 1),
    cosTwoViews: viewCos / n,
    cosNearestKey: cosNearest / n,
    cosRandomPair: meanPairCosine(keys),
  };
}

/** Mean cosine over pairs of distinct keys, (‖Σ z‖² − n) / (n(n − 1)): how spread the keys are. */
function meanPairCosine(keys) {
  const sum = new Float64Array(keys.columns);
  for (let k = 0; k < keys.rows; k += 1) {
    for (let d = 0; d < keys.columns; d += 1) sum[d] += keys.data[k * keys.columns + d];
  }
  const squared = sum.reduce((s, v) => s + v * v, 0);
  return (squared - keys.rows) / (keys.rows * (keys.rows - 1));
}

/** Chance that a random other clip has the anchor's class (class frequencies of the training split). */
function chanceOfSameClass() {
  const counts = new Float64Array(classCount);
  for (const label of labels) counts[label] += 1;
  const n = labels.length;
  return counts.reduce((sum, c) => sum + (c / n) * ((c - 1) / (n - 1)), 0);
}

function averaged(results) {
  return Object.fromEntries(
    Object.keys(results[0]).map((name) => [name, results.reduce((s, r) => s + r[name], 0) / results.length]),
  );
}

/** The stages: a randomly initialised encoder, then every checkpoint of every report. */
function stages() {
  const list = [{ name: 'random init', path: null }];
  for (const report of reports) {
    const runs = join(report, 'runs', 'seed-0');
    for (const method of ['baseline', 'halp']) {
      const folder = join(runs, method);
      if (!existsSync(folder)) continue;
      for (const entry of readdirSync(folder)
        .filter((e) => /^epoch-\d+$/.test(e))
        .sort()) {
        const epoch = Number(entry.slice('epoch-'.length));
        // The halp folder only holds the continued run; its first epochs are the baseline's.
        list.push({ name: `${method} @${epoch}`, path: join(folder, entry), report });
      }
    }
  }
  return list;
}

async function loadKeyEncoderState(stage) {
  if (stage.path === null) {
    const parsed = parsePretrainConfig(
      { ...preset.pretrain, seed: SEED, method: 'moco', epochs: 1 },
      builtInMethods,
    );
    if (parsed._tag === 'Left') throw new Error(JSON.stringify(parsed.left));
    return createTrainingState(parsed.right, builtInMethods, createRandom(SEED));
  }
  const checkpoint = await readCheckpoint(stage.path);
  if (checkpoint._tag === 'Left') throw new Error(checkpoint.left.message);
  const state = createTrainingState(checkpoint.right.metadata.config, builtInMethods, createRandom(SEED));
  restoreTrainingState(state, checkpoint.right, 'resume');
  return state;
}

const frames = preset.pretrain.frames;
const views = augmentedViews(frames);
const rows = [];
const started = performance.now();
for (const stage of stages()) {
  const state = await loadKeyEncoderState(stage);
  const keys = await embed(
    state.keyEncoder,
    views.map((v) => v.key),
    frames,
  );
  const otherView = await embed(
    state.keyEncoder,
    views.map((v) => v.query),
    frames,
  );
  disposeTrainingState(state);
  const random = forkRandom(createRandom(SEED), 'diagnostics');
  const repeats = Array.from({ length: REPEATS }, (_, r) =>
    measureRepeat(keys, otherView, forkRandom(random, `repeat ${r}`)),
  );
  rows.push({ stage: stage.name, report: stage.report ?? null, ...averaged(repeats) });
  console.error(`${stage.name}: done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

const percent = (x) => (100 * x).toFixed(1);
const columns = [
  ['stage', (r) => r.stage],
  ['purity%', (r) => percent(r.prototypePurity)],
  ['cls/proto', (r) => r.classesPerPrototype.toFixed(1)],
  ['P*own%', (r) => percent(r.anchorPStarMajorityIsOwnClass)],
  ['kept%', (r) => percent(r.keptFraction)],
  ['t*', (r) => r.meanTMax.toFixed(3)],
  ['t', (r) => r.meanT.toFixed(3)],
  ['Psel own%', (r) => percent(r.pSelMajorityIsOwnClass)],
  ['hallu valid%', (r) => percent(r.halluValidKept)],
  ['mean zH valid%', (r) => percent(r.meanPositiveValid)],
  ['aug valid%', (r) => percent(r.augmentedValid)],
  ['anchor 1NN%', (r) => percent(r.anchorValid)],
  ['chance%', (r) => percent(r.randomValid)],
  ['cos(a,zH)', (r) => r.cosAnchorPositive.toFixed(3)],
  ['cos(v1,v2)', (r) => r.cosTwoViews.toFixed(3)],
  ['cos(a,1NN)', (r) => r.cosNearestKey.toFixed(3)],
  ['cos(pairs)', (r) => r.cosRandomPair.toFixed(3)],
];
const table = [columns.map(([name]) => name), ...rows.map((r) => columns.map(([, cell]) => cell(r)))];
const widths = columns.map((_, c) => Math.max(...table.map((line) => line[c].length)));
for (const line of table) console.log(line.map((cell, c) => cell.padStart(widths[c])).join('  '));
console.log(
  `\n${train.length} training clips, ${classCount} classes; key encoder, BatchNorm running statistics; ` +
    `${PROTOTYPES} prototypes of ${KEYS_FOR_PROTOTYPES} keys, ${REPEATS} repeats averaged. ` +
    "valid% = share whose nearest other-clip key has the anchor's class.",
);

mkdirSync(new URL('.bench-results/', root), { recursive: true });
writeFileSync(
  new URL('.bench-results/halp-diagnostics.json', root),
  `${JSON.stringify(
    {
      seed: SEED,
      prototypes: PROTOTYPES,
      keysForPrototypes: KEYS_FOR_PROTOTYPES,
      repeats: REPEATS,
      hallucination: 'reference defaults (G 100, pool 20, skip 1, λ 0.8, reference sampling)',
      reports,
      rows,
    },
    null,
    2,
  )}\n`,
);
