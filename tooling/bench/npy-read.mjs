// Benchmark of lazy .npy reading in @halp/skeleton (io): random access to clips of an NTU-shaped
// (N, 3, 300, 25, 2) float32 array, as a training sampler does, plus the streaming writer that
// produces such files. Shows that reading clip i costs O(clip) time and memory, not O(file).
//
// Run after `npx tsc -b packages/skeleton`: node [--expose-gc] tooling/bench/npy-read.mjs [MB]
// Writes a ~500 MB file (or the MB given) into os.tmpdir(), deletes it afterwards, prints a table
// and writes .bench-results/npy-read.json. Reads hit the page cache (the file was just written):
// the figures are warm-cache figures. A NumPy memory-map column is added when python3 has NumPy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBuilt } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { printMarkdownTable } from './lib/table.mjs';

const { createRandom, uniformInt } = await importBuilt('random');
const { createNpyWriter, openNpy, openNpySync, readNpy } = await importBuilt('skeleton', 'node/index.js');

const CLIP_SHAPE = [3, 300, 25, 2];
const CLIP_ELEMENTS = CLIP_SHAPE.reduce((a, b) => a * b, 1);
const CLIP_BYTES = CLIP_ELEMENTS * 4;
const TARGET_MB = Number(process.argv[2] ?? 500);
const CLIPS = Math.max(64, Math.round((TARGET_MB * 1e6) / CLIP_BYTES));
const WRITE_CHUNK = 32;
const RANDOM_READS = 1500;
const MB = 1e6;

/** Value of element `j` of clip `i`: distinct per clip, so a wrong offset is detected. */
const valueAt = (clip, element) => (clip % 4096) + element / CLIP_ELEMENTS;

async function orThrow(task) {
  const result = await task();
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
}

function collectGarbage() {
  globalThis.gc?.();
}

/** RSS sampler: baseline now, peak over all later samples. */
function rssTracker() {
  collectGarbage();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  return {
    sample() {
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
    },
    deltaMB: () => (peak - baseline) / MB,
  };
}

async function writeFile(path) {
  const started = performance.now();
  const writer = await orThrow(createNpyWriter(path, 'float32', [CLIPS, ...CLIP_SHAPE]));
  const chunk = new Float32Array(WRITE_CHUNK * CLIP_ELEMENTS);
  for (let first = 0; first < CLIPS; first += WRITE_CHUNK) {
    const count = Math.min(WRITE_CHUNK, CLIPS - first);
    for (let c = 0; c < count; c++) {
      for (let j = 0; j < CLIP_ELEMENTS; j++) chunk[c * CLIP_ELEMENTS + j] = valueAt(first + c, j);
    }
    await orThrow(writer.append(chunk.subarray(0, count * CLIP_ELEMENTS)));
  }
  await orThrow(writer.finish());
  const seconds = (performance.now() - started) / 1000;
  return { seconds, mbPerSecond: (CLIPS * CLIP_BYTES) / MB / seconds };
}

function check(clip, index) {
  for (const j of [0, 1, CLIP_ELEMENTS - 1]) {
    if (clip.data[j] !== Math.fround(valueAt(index, j)))
      throw new Error(`clip ${index} element ${j} is wrong`);
  }
}

async function randomReads(path, indices, mode) {
  const rss = rssTracker();
  if (mode === 'async') {
    const file = await orThrow(openNpy(path, { dtype: 'float32' }));
    const started = performance.now();
    for (const index of indices) {
      const clip = await orThrow(file.readRecord(index));
      check(clip, index);
      rss.sample();
    }
    const seconds = (performance.now() - started) / 1000;
    await file.close();
    return summary(`readRecord (async), ${indices.length} random clips`, indices.length, seconds, rss);
  }
  const opened = openNpySync(path, { dtype: 'float32' });
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  const file = opened.right;
  const started = performance.now();
  for (const index of indices) {
    const clip = file.readRecordSync(index);
    if (clip._tag === 'Left') throw new Error(clip.left.message);
    check(clip.right, index);
    rss.sample();
  }
  const seconds = (performance.now() - started) / 1000;
  file.closeSync();
  return summary(`readRecordSync, ${indices.length} random clips`, indices.length, seconds, rss);
}

async function sequentialRows(path, batch) {
  const rss = rssTracker();
  const file = await orThrow(openNpy(path, { dtype: 'float32' }));
  const started = performance.now();
  for (let first = 0; first < CLIPS; first += batch) {
    const rows = await orThrow(file.readRows(first, Math.min(batch, CLIPS - first)));
    check({ data: rows.data }, first);
    rss.sample();
  }
  const seconds = (performance.now() - started) / 1000;
  await file.close();
  return summary(`readRows(${batch}) sequential, whole file`, CLIPS, seconds, rss);
}

async function wholeFile(path) {
  const rss = rssTracker();
  const started = performance.now();
  const array = await orThrow(readNpy(path, { dtype: 'float32' }));
  rss.sample();
  const seconds = (performance.now() - started) / 1000;
  check({ data: array.data.subarray(0, CLIP_ELEMENTS) }, 0);
  return summary('readNpy whole file (for contrast)', CLIPS, seconds, rss);
}

/** One result row; `rss` is the reader's RSS tracker, absent where the read ran in another process. */
function summary(name, clips, seconds, rss) {
  return {
    name,
    clips,
    seconds: Number(seconds.toFixed(3)),
    clipsPerSecond: Math.round(clips / seconds),
    mbPerSecond: Math.round((clips * CLIP_BYTES) / MB / seconds),
    peakRssDeltaMB: rss === undefined ? null : Number(rss.deltaMB().toFixed(1)),
  };
}

/** NumPy's np.load(mmap_mode='r') reading the same random clips, for comparison. */
function numpyMemoryMap(path, indices) {
  const script = [
    'import sys, json, time, numpy as np',
    "a = np.load(sys.argv[1], mmap_mode='r')",
    'idx = json.load(sys.stdin)',
    't = time.perf_counter()',
    'for i in idx: np.array(a[i])',
    'print(time.perf_counter() - t)',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script, path], {
    input: JSON.stringify(indices),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.log(
      `(NumPy comparison skipped: ${result.error?.message ?? result.stderr.trim().split('\n').at(-1)})`,
    );
    return undefined;
  }
  const seconds = Number(result.stdout.trim());
  return summary(`NumPy mmap a[i] copy, ${indices.length} random clips`, indices.length, seconds);
}

const directory = mkdtempSync(join(tmpdir(), 'halp-npy-bench-'));
const path = join(directory, 'train_data_joint.npy');
try {
  const fileMB = (CLIPS * CLIP_BYTES) / MB;
  const write = await writeFile(path);
  const random = createRandom('npy-read-bench');
  const indices = Array.from({ length: RANDOM_READS }, () => uniformInt(random, CLIPS));
  const rows = [
    await randomReads(path, indices, 'async'),
    await randomReads(path, indices, 'sync'),
    await sequentialRows(path, 64),
    numpyMemoryMap(path, indices),
    await wholeFile(path),
  ].filter((row) => row !== undefined);

  console.log(
    `\nNTU-shaped float32 file: ${CLIPS} clips × ${CLIP_SHAPE.join('×')} = ${fileMB.toFixed(0)} MB`,
  );
  console.log(`createNpyWriter: ${write.seconds.toFixed(2)} s, ${write.mbPerSecond.toFixed(0)} MB/s\n`);
  printMarkdownTable(
    rows.map((row) => ({
      read: row.name,
      clips: row.clips,
      s: row.seconds,
      'clips/s': row.clipsPerSecond,
      'MB/s': row.mbPerSecond,
      'peak RSS Δ (MB)': row.peakRssDeltaMB ?? '—',
    })),
  );
  console.log(
    `\nOne clip is ${(CLIP_BYTES / MB).toFixed(2)} MB; gc exposed: ${typeof globalThis.gc === 'function'}`,
  );

  const results = {
    benchmark: 'npy-read',
    node: process.version,
    file: { clips: CLIPS, clipShape: CLIP_SHAPE, megabytes: Number(fileMB.toFixed(1)) },
    clipMegabytes: CLIP_BYTES / MB,
    write: { seconds: Number(write.seconds.toFixed(3)), mbPerSecond: Math.round(write.mbPerSecond) },
    reads: rows,
    note: 'warm page cache (file just written); timings noisy on a shared machine',
  };
  writeResults('npy-read', results);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
