// Benchmark of the NTU / PKU-MMD preprocessing of @halp/skeleton on the shared fixtures: parsing a
// `.skeleton` file, body selection + clip layout, the four pre-normalisation steps, and the whole
// `prepare` pipeline (listing, parsing, pre-normalisation, checkpointed chunks, final .npy/.pkl).
// The per-sample cost extrapolates to a full dataset (NTU-60: 56 880 samples, NTU-120: 114 480).
//
// Run after `npx tsc -b packages/skeleton`: node tooling/bench/prepare.mjs
// Prints a table and writes .bench-results/prepare.json. Needs /work/shared/fixtures (or
// HALP_FIXTURES pointing at a copy).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBuilt } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { sampleMilliseconds, sampleMillisecondsAsync } from './lib/timing.mjs';

const {
  alignHorizontalBone,
  alignVerticalBone,
  centerOnJoint,
  kinect25,
  ntu60XSub,
  padEmptyFrames,
  parseNtuSkeleton,
  pkuXSub,
  selectMainBodies,
  tracksToClip,
} = await importBuilt('skeleton');
const { prepare } = await importBuilt('skeleton', 'node/index.js');

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.HALP_FIXTURES ?? join(here, '../../../shared/fixtures');
const ntuDir = join(fixtures, 'ntu-raw/nturgb+d_skeletons');

/** Median of 15 timings of one call in ms, after a warm-up call (`.map` keeps results alive). */
const milliseconds = (run) => median(sampleMilliseconds(run, 15));
/** Median of 5 timings of one async call in ms, after a warm-up call. */
const millisecondsAsync = async (run) => median(await sampleMillisecondsAsync(run, 5));

const files = readdirSync(ntuDir)
  .sort()
  .map((name) => ({ name, text: readFileSync(join(ntuDir, name), 'utf8') }));
const totalBytes = files.reduce((sum, file) => sum + file.text.length, 0);
const totalFrames = files.reduce((sum, file) => sum + Number(file.text.slice(0, file.text.indexOf('\n'))), 0);
const sequences = files.map(({ name, text }) => {
  const parsed = parseNtuSkeleton(text, name);
  if (parsed._tag === 'Left') throw new Error(parsed.left.message);
  return parsed.right;
});
const clips = sequences.map((sequence) => tracksToClip(selectMainBodies(sequence)));
const centered = clips.map((clip) => centerOnJoint(padEmptyFrames(clip), kinect25.centerJoint));

const perFile = (ms) => ms / files.length;
const rows = [
  [
    'parseNtuSkeleton (per file)',
    perFile(milliseconds(() => files.map(({ name, text }) => parseNtuSkeleton(text, name)))),
  ],
  [
    'selectMainBodies + tracksToClip',
    perFile(milliseconds(() => sequences.map((s) => tracksToClip(selectMainBodies(s))))),
  ],
  ['padEmptyFrames', perFile(milliseconds(() => clips.map(padEmptyFrames)))],
  ['centerOnJoint', perFile(milliseconds(() => clips.map((clip) => centerOnJoint(clip, 1))))],
  [
    'alignVerticalBone',
    perFile(milliseconds(() => centered.map((clip) => alignVerticalBone(clip, kinect25)))),
  ],
  [
    'alignHorizontalBone',
    perFile(milliseconds(() => centered.map((clip) => alignHorizontalBone(clip, kinect25)))),
  ],
];

const scratch = mkdtempSync(join(tmpdir(), 'halp-bench-prepare-'));
async function runPrepare(rawDir, split) {
  const result = await prepare({ rawDir, outDir: join(scratch, split.name), split })();
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right.reduce((sum, part) => sum + part.samples, 0);
}
const ntuSamples = await runPrepare(ntuDir, ntu60XSub);
const pkuSamples = await runPrepare(join(fixtures, 'pku-raw'), pkuXSub);
const ntuPrepare = await millisecondsAsync(() => runPrepare(ntuDir, ntu60XSub));
const pkuPrepare = await millisecondsAsync(() => runPrepare(join(fixtures, 'pku-raw'), pkuXSub));
rmSync(scratch, { recursive: true, force: true });
const computePerSample = rows.reduce((sum, [, ms]) => sum + ms, 0);

const table = rows.map(([operation, ms]) => ({ operation, 'ms per sample': Number(ms.toFixed(3)) }));
console.log(
  `fixtures: ${files.length} NTU files, ${totalFrames} frames, ${(totalBytes / 1e6).toFixed(2)} MB; ` +
    `parse ${(totalBytes / 1e6 / ((rows[0][1] * files.length) / 1000)).toFixed(1)} MB/s`,
);
console.table(table);
// The whole pipeline on the fixtures is dominated by its fixed cost per part (fsync of every atomic
// write: chunk, state, data, num_frame, labels), which a real dataset amortises over thousands of clips.
const pipeline = [
  { run: `prepare NTU-60 x-sub on the fixtures (${ntuSamples} samples, 2 parts)`, 'total ms': ntuPrepare },
  {
    run: `prepare PKU-MMD II x-sub on the fixtures (${pkuSamples} samples, 2 parts)`,
    'total ms': pkuPrepare,
  },
].map((row) => ({ ...row, 'total ms': Number(row['total ms'].toFixed(1)) }));
console.table(pipeline);
const minutes = (samples) => ((samples * computePerSample) / 60000).toFixed(1);
console.log(
  `compute per sample ${computePerSample.toFixed(2)} ms → one benchmark pass over NTU-60 (56 880 samples) ` +
    `${minutes(56880)} min, NTU-120 (114 480) ${minutes(114480)} min, plus reading and writing ` +
    `(fixtures' mean clip: ${(totalFrames / files.length).toFixed(0)} frames)`,
);

writeResults('prepare', {
  node: process.version,
  files: files.length,
  totalFrames,
  totalBytes,
  computePerSample,
  rows: table,
  pipeline,
});
