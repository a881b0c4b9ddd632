// Diagnostics of HaLP's hallucinated positives on the `quick` bench (synthetic x-sub): are they
// semantically valid (do they land near keys of the anchor's class), and where does L_HaLP pull?
//
// For encoders at several stages (random init; every checkpoint a `halp bench` run leaves), it embeds
// the 540 training clips under the pretraining augmentation with the key (momentum) encoder — the
// encoder that makes HaLP's anchors and queue — and measures, averaged over 3 draws of prototypes:
//   - prototypes: spherical k-means of 256 random keys into 20 (what HaLP does); class purity (share
//     of keys whose prototype's majority class is theirs), classes mixed per prototype;
//   - hallucinated positives of every key (reference defaults: G 100, pool 20, skip 1, λ 0.8): kept
//     share, t*, t, whether P_sel's majority class is the anchor's, and "validity": the share of kept
//     positives whose nearest other-clip key (cosine) has the anchor's class (also split by P_sel's
//     rank: 2nd–5th closest prototype vs farther), against the ordinary positive (the clip's other
//     augmented view), the anchor's own nearest other-clip key and chance;
//   - the target of L_HaLP (linear in z_H, so the mean of the kept positives): its validity, its angle
//     from the anchor and the cosine between its direction and the direction to the keys' centre;
//   - spread: mean cosine between distinct keys (head output) and between features (what kNN and
//     linear evaluation use), and the features' 1-NN class agreement.
//
// Usage (after `npx -y pnpm@10 build` and e.g. `node packages/halp/dist/cli.js bench --seeds 1 --out
// /tmp/diag-report`):
//   node tooling/bench/halp-diagnostics.mjs [report folder …]   (default /tmp/diag-report)
// Every checkpoint under <report>/runs/seed-0/{baseline,halp}/epoch-* is measured. Prints a table and
// writes .bench-results/halp-diagnostics.json.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { printTable } from './lib/table.mjs';

await registerGradients();
const { selectBackend } = await importBuilt('backend', 'node/index.js');
const { tf } = loadTfjs('encoders');
const { encode } = await importBuilt('encoders');
const { builtInMethods } = await importBuilt('contrastive');
const { hallucinate } = await importBuilt('hallucinate');
const { matrix } = await importBuilt('hypersphere');
const { sphericalKMeans } = await importBuilt('prototypes');
const { createRandom, forkRandom, sampleWithoutReplacement } = await importBuilt('random');
const { datasetLabels, generateSyntheticDataset, inMemoryDataset, kinect25, subsetDataset, syntheticSplit } =
  await importBuilt('skeleton');
const {
  contrastiveViews,
  createTrainingState,
  disposeTrainingState,
  parsePretrainConfig,
  restoreTrainingState,
} = await importBuilt('trainer');
const { readCheckpoint } = await importBuilt('trainer', 'node/index.js');
const { findPreset } = await importBuilt('halp');

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
const labels = datasetLabels(train);
const classCount = dataset.classNames.length;

/** Both augmented views of every training clip, drawn once so every encoder sees the same inputs. */
function augmentedViews(frames) {
  const transform = contrastiveViews(frames, [{ modality: 'joint', input: 'sequence' }], kinect25);
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

/**
 * Both outputs of the encoder for the sequences, with BatchNorm's running statistics, L2-normalised:
 * the head's (what the queue, the prototypes and the losses see) and the last-frame features (what
 * kNN and linear evaluation see), each an n-row matrix.
 */
async function embed(encoder, sequences, frames) {
  const width = sequences[0].length / frames;
  const parts = { embedding: [], features: [] };
  for (let start = 0; start < sequences.length; start += BATCH) {
    const chunk = sequences.slice(start, start + BATCH);
    const input = new Float32Array(chunk.length * frames * width);
    chunk.forEach((sequence, i) => {
      input.set(sequence, i * frames * width);
    });
    const outputs = tf.tidy(() => {
      const encoded = encode(encoder, tf.tensor3d(input, [chunk.length, frames, width]), { training: false });
      const unit = (t) => tf.div(t, tf.maximum(tf.norm(t, 2, 1, true), 1e-12));
      return { embedding: unit(encoded.embedding), features: unit(encoded.features) };
    });
    for (const name of ['embedding', 'features']) {
      parts[name].push({ values: await outputs[name].data(), columns: outputs[name].shape[1] });
      outputs[name].dispose();
    }
  }
  const stack = (chunks) => {
    const data = new Float64Array(sequences.length * chunks[0].columns);
    let offset = 0;
    for (const { values } of chunks) {
      data.set(values, offset);
      offset += values.length;
    }
    return matrix(sequences.length, chunks[0].columns, data);
  };
  return { embedding: stack(parts.embedding), features: stack(parts.features) };
}

/** What the evaluation sees: spread of the features and their leave-one-clip-out 1-NN agreement. */
function featureMeasures(features) {
  let valid = 0;
  for (let k = 0; k < features.rows; k += 1) {
    valid += labels[nearestKey(features, features.data, k * features.columns, k)] === labels[k] ? 1 : 0;
  }
  return { featureAnchorValid: valid / features.rows, featureCosRandomPair: meanPairCosine(features) };
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
  const columns = keys.columns;
  const subset = sampleWithoutReplacement(forkRandom(random, 'subset'), keys.rows, KEYS_FOR_PROTOTYPES);
  const subsetKeys = matrix(KEYS_FOR_PROTOTYPES, columns);
  subset.forEach((k, i) => {
    subsetKeys.data.set(keys.data.subarray(k * columns, (k + 1) * columns), i * columns);
  });
  const clusters = sphericalKMeans(subsetKeys, PROTOTYPES, { random: forkRandom(random, 'kmeans') });
  const composition = prototypeComposition(
    clusters.assignments,
    Array.from(subset, (k) => labels[k]),
    PROTOTYPES,
  );
  const hallucinations = hallucinate(keys, clusters.centroids, {}, forkRandom(random, 'hallucinate'));
  const centre = normalizedSum(keys);
  return {
    prototypePurity: composition.purity,
    classesPerPrototype: composition.meanClassesMixed,
    nonEmptyPrototypes: composition.nonEmpty,
    ...positiveMeasures(keys, hallucinations, clusters.centroids, composition.majority),
    ...targetMeasures(keys, hallucinations, centre),
    ...augmentedMeasures(keys, otherView, centre),
    randomValid: chanceOfSameClass(),
    cosRandomPair: meanPairCosine(keys),
  };
}

/**
 * Per hallucinated positive: kept share, t* and t, whether its nearest other-clip key has the
 * anchor's class (overall, and split by P_sel's similarity rank: the 2nd–5th closest prototypes
 * versus the rest), and whether P_sel's majority class is the anchor's.
 */
function positiveMeasures(keys, h, prototypes, majority) {
  const G = h.positivesPerAnchor;
  const columns = keys.columns;
  const ranks = prototypeRanks(keys, prototypes);
  const totals = { kept: 0, valid: 0, ownClassPSel: 0, t: 0, tMax: 0, cos: 0, near: 0, nearValid: 0 };
  for (let i = 0; i < h.t.length; i += 1) {
    const anchor = Math.floor(i / G);
    totals.tMax += h.tMax[i];
    if (h.keep[i] === 0) continue;
    const valid = labels[nearestKey(keys, h.positives.data, i * columns, anchor)] === labels[anchor] ? 1 : 0;
    totals.kept += 1;
    totals.valid += valid;
    totals.t += h.t[i];
    totals.cos += rowDot(h.positives, i, keys, anchor);
    if (majority[h.selected[i]] === labels[anchor]) totals.ownClassPSel += 1;
    if (ranks[anchor * prototypes.rows + h.selected[i]] < 5) {
      totals.near += 1;
      totals.nearValid += valid;
    }
  }
  let pStarOwnClass = 0;
  for (let k = 0; k < keys.rows; k += 1) pStarOwnClass += majority[h.anchorClosest[k]] === labels[k] ? 1 : 0;
  const kept = Math.max(totals.kept, 1);
  return {
    anchorPStarMajorityIsOwnClass: pStarOwnClass / keys.rows,
    keptFraction: totals.kept / h.t.length,
    meanTMax: totals.tMax / h.t.length,
    meanT: totals.t / kept,
    halluValidKept: totals.valid / kept,
    halluValidNearPSel: totals.nearValid / Math.max(totals.near, 1),
    halluValidFarPSel: (totals.valid - totals.nearValid) / Math.max(totals.kept - totals.near, 1),
    pSelMajorityIsOwnClass: totals.ownClassPSel / kept,
    cosAnchorPositive: totals.cos / kept,
  };
}

/**
 * L_HaLP = −(1/G_f) Σ z_q·z_H/τ is linear in z_H, so what it pulls the query towards is the mean of
 * the anchor's kept positives: its validity, its angle from the anchor and whether it points at the
 * centre of all keys (cosine of the two tangent directions at the anchor).
 */
function targetMeasures(keys, h, centre) {
  const G = h.positivesPerAnchor;
  const columns = keys.columns;
  const target = new Float64Array(columns);
  const totals = { anchors: 0, valid: 0, angle: 0, towardsCentre: 0 };
  for (let anchor = 0; anchor < keys.rows; anchor += 1) {
    target.fill(0);
    for (let g = 0; g < G; g += 1) {
      const i = anchor * G + g;
      if (h.keep[i] === 0) continue;
      for (let d = 0; d < columns; d += 1) target[d] += h.positives.data[i * columns + d];
    }
    if (target.every((v) => v === 0)) continue;
    totals.anchors += 1;
    totals.valid += labels[nearestKey(keys, target, 0, anchor)] === labels[anchor] ? 1 : 0;
    const a = keys.data.subarray(anchor * columns, (anchor + 1) * columns);
    totals.angle += angleDegrees(a, target);
    totals.towardsCentre += tangentCosine(a, target, centre);
  }
  const anchors = Math.max(totals.anchors, 1);
  return {
    meanPositiveValid: totals.valid / anchors,
    meanPositiveAngle: totals.angle / anchors,
    meanPositiveTowardsCentre: totals.towardsCentre / anchors,
  };
}

/** The ordinary positive (the other augmented view) and the anchor's own nearest other-clip key. */
function augmentedMeasures(keys, otherView, centre) {
  const columns = keys.columns;
  const totals = { valid: 0, anchorValid: 0, cosNearest: 0, cosViews: 0, angle: 0, towardsCentre: 0 };
  for (let k = 0; k < keys.rows; k += 1) {
    totals.valid += labels[nearestKey(keys, otherView.data, k * columns, k)] === labels[k] ? 1 : 0;
    const nearest = nearestKey(keys, keys.data, k * columns, k);
    totals.anchorValid += labels[nearest] === labels[k] ? 1 : 0;
    totals.cosNearest += rowDot(keys, k, keys, nearest);
    totals.cosViews += rowDot(keys, k, otherView, k);
    const a = keys.data.subarray(k * columns, (k + 1) * columns);
    const view = otherView.data.subarray(k * columns, (k + 1) * columns);
    totals.angle += angleDegrees(a, view);
    totals.towardsCentre += tangentCosine(a, view, centre);
  }
  const n = keys.rows;
  return {
    augmentedValid: totals.valid / n,
    anchorValid: totals.anchorValid / n,
    cosNearestKey: totals.cosNearest / n,
    cosTwoViews: totals.cosViews / n,
    augmentedAngle: totals.angle / n,
    augmentedTowardsCentre: totals.towardsCentre / n,
  };
}

/** rank[b·C + p]: 0 for anchor b's closest prototype, 1 for the next, … */
function prototypeRanks(keys, prototypes) {
  const C = prototypes.rows;
  const ranks = new Int32Array(keys.rows * C);
  for (let b = 0; b < keys.rows; b += 1) {
    const order = Array.from({ length: C }, (_, p) => p).sort(
      (p, q) => rowDot(keys, b, prototypes, q) - rowDot(keys, b, prototypes, p),
    );
    order.forEach((p, rank) => {
      ranks[b * C + p] = rank;
    });
  }
  return ranks;
}

function angleDegrees(unit, vector) {
  const length = Math.hypot(...vector);
  let dot = 0;
  for (let d = 0; d < unit.length; d += 1) dot += unit[d] * vector[d];
  return (Math.acos(Math.min(1, Math.max(-1, dot / length))) * 180) / Math.PI;
}

/** Cosine between the directions from unit `a` towards `p` and towards `q`, in a's tangent plane. */
function tangentCosine(a, p, q) {
  const tangent = (v) => {
    let dot = 0;
    for (let d = 0; d < a.length; d += 1) dot += a[d] * v[d];
    return Array.from(a, (ad, d) => v[d] - dot * ad);
  };
  const u = tangent(p);
  const w = tangent(q);
  const norms = Math.hypot(...u) * Math.hypot(...w);
  return norms === 0 ? 0 : u.reduce((s, ud, d) => s + ud * w[d], 0) / norms;
}

/** Σ z / ‖Σ z‖: the direction of the keys' mean. */
function normalizedSum(keys) {
  const sum = new Float64Array(keys.columns);
  for (let k = 0; k < keys.rows; k += 1) {
    for (let d = 0; d < keys.columns; d += 1) sum[d] += keys.data[k * keys.columns + d];
  }
  const length = Math.hypot(...sum);
  return sum.map((v) => v / length);
}

/** Mean cosine over pairs of distinct keys, (‖Σ z‖² − n) / (n(n − 1)): how spread the keys are. */
function meanPairCosine(keys) {
  const sum = new Float64Array(keys.columns);
  for (let k = 0; k < keys.rows; k += 1) {
    for (let d = 0; d < keys.columns; d += 1) sum[d] += keys.data[k * keys.columns + d];
  }
  const squared = sum.reduce((total, v) => total + v * v, 0);
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
  const keyView = await embed(
    state.streams[0].keyEncoder,
    views.map((v) => v.key[0]),
    frames,
  );
  const keys = keyView.embedding;
  const otherView = (
    await embed(
      state.streams[0].keyEncoder,
      views.map((v) => v.query[0]),
      frames,
    )
  ).embedding;
  disposeTrainingState(state);
  const random = forkRandom(createRandom(SEED), 'diagnostics');
  const repeats = Array.from({ length: REPEATS }, (_, r) =>
    measureRepeat(keys, otherView, forkRandom(random, `repeat ${r}`)),
  );
  rows.push({
    stage: stage.name,
    report: stage.report ?? null,
    ...averaged(repeats),
    ...featureMeasures(keyView.features),
  });
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
  ['near/far Psel', (r) => `${percent(r.halluValidNearPSel)}/${percent(r.halluValidFarPSel)}`],
  ['mean zH valid%', (r) => percent(r.meanPositiveValid)],
  ['aug valid%', (r) => percent(r.augmentedValid)],
  ['anchor 1NN%', (r) => percent(r.anchorValid)],
  ['chance%', (r) => percent(r.randomValid)],
  ['cos(a,zH)', (r) => r.cosAnchorPositive.toFixed(3)],
  ['∠(a,mean zH)°', (r) => r.meanPositiveAngle.toFixed(1)],
  ['∠(v1,v2)°', (r) => r.augmentedAngle.toFixed(1)],
  [
    '→centre zH/aug',
    (r) => `${r.meanPositiveTowardsCentre.toFixed(2)}/${r.augmentedTowardsCentre.toFixed(2)}`,
  ],
  ['cos(v1,v2)', (r) => r.cosTwoViews.toFixed(3)],
  ['cos(a,1NN)', (r) => r.cosNearestKey.toFixed(3)],
  ['cos(pairs)', (r) => r.cosRandomPair.toFixed(3)],
  ['feat 1NN%', (r) => percent(r.featureAnchorValid)],
  ['feat cos(pairs)', (r) => r.featureCosRandomPair.toFixed(3)],
];
printTable(rows.map((r) => Object.fromEntries(columns.map(([name, cell]) => [name, cell(r)]))));
console.log(
  `\n${train.length} training clips, ${classCount} classes; key encoder, BatchNorm running statistics; ` +
    `${PROTOTYPES} prototypes of ${KEYS_FOR_PROTOTYPES} keys, ${REPEATS} repeats averaged. ` +
    "valid% = share whose nearest other-clip key has the anchor's class.",
);

writeResults('halp-diagnostics', {
  seed: SEED,
  prototypes: PROTOTYPES,
  keysForPrototypes: KEYS_FOR_PROTOTYPES,
  repeats: REPEATS,
  hallucination: 'reference defaults (G 100, pool 20, skip 1, λ 0.8, reference sampling)',
  reports,
  rows,
});
