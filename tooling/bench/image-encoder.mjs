// Forward + backward time of the @halp/encoders HCN image encoder (ISC / Skeleton-Contrast's image
// representation) on the WASM backend, next to a PyTorch version of the same network
// (tooling/bench/image_encoder_torch.py) when /usr/bin/python3 can import torch.
//
//   npx -y pnpm@10 build && node tooling/bench/image-encoder.mjs
//
// Flags: --steps 10 (timed steps, median reported)  --warmup 2  --configs reference,small
//        --torch-threads 1  --python /usr/bin/python3  --no-torch
//
// One step: features and embedding of a batch B 32 × M 2 bodies × T 64 frames × V 25 joints × C 3
// (Kinect-25), loss mean(embedding²), gradients of every variable (no optimizer update). Configs:
// `reference` has Skeleton-Contrast's widths (64, 64, 32, 64, 128, 256; 4096 features, linear head
// to 128); `small` quarters them. The WASM backend is set up as in tooling/bench/encoder.mjs (stock
// kernels plus @halp/backend's fast matMul kernels).
//
// FLOP count: convolutions and head only, forward Σ 2·N·H·W·(kh·kw·C_in)·C_out with N = B·M, and a
// step is 3× the forward (the backward of each matMul computes two products of the same size).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { list, option } from './lib/arguments.mjs';
import { round } from './lib/format.mjs';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { runJson } from './lib/processes.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { printTable } from './lib/table.mjs';
import { sampleMilliseconds } from './lib/timing.mjs';
import { probeTorch } from './lib/torch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { tf, wasm } = loadTfjs('encoders');
const { createRandom, fillNormal } = await importBuilt('random');
const encoders = await importBuilt('encoders');
const backend = await importBuilt('backend');
await registerGradients();

const steps = Number(option('steps', '10'));
const warmup = Number(option('warmup', '2'));
const configNames = list('configs', 'reference,small');
const torchThreads = option('torch-threads', '1');
const python = option('python', '/usr/bin/python3');

const CLIP = { batch: 32, bodies: 2, frames: 64, joints: 25, inputChannels: 3 };
const SIZES = {
  reference: encoders.REFERENCE_IMAGE_ENCODER_SIZES,
  small: {
    pointChannels: 16,
    pointFeatures: 64,
    cooccurrenceChannels: 8,
    streamChannels: 16,
    fusionChannels: 32,
    outputChannels: 64,
  },
};

await tf.setBackend('wasm');
backend.registerFastWasmKernels();
const wasmThreads = wasm.getThreadsCount();

const torch = probeTorch(python);

const rows = [];
for (const name of configNames) {
  const sizes = SIZES[name];
  if (sizes === undefined) throw new RangeError(`unknown config ${name} (${Object.keys(SIZES)})`);
  const config = {
    kind: 'image',
    inputChannels: CLIP.inputChannels,
    joints: CLIP.joints,
    frames: CLIP.frames,
    bodies: CLIP.bodies,
    ...sizes,
    head: 'linear',
    embeddingSize: 128,
  };
  console.error(`ours: ${name} ...`);
  const ours = measureOurs(config);
  let reference = null;
  if (torch.ok) {
    console.error(`PyTorch: ${name} ...`);
    reference = runTorch(config);
  }
  const gflop = stepFlops(config) / 1e9;
  rows.push({
    config: name,
    gflopPerStep: round(gflop, 1),
    ours: {
      backend: 'wasm',
      threads: wasmThreads,
      ...ours,
      gflopPerSecond: round(gflop / ours.medianSeconds, 1),
    },
    pytorch: reference && { ...reference, gflopPerSecond: round(gflop / reference.medianSeconds, 1) },
    oursOverPytorch: reference && round(ours.medianSeconds / reference.medianSeconds, 2),
  });
}

console.log(
  `\nB ${CLIP.batch}, M ${CLIP.bodies}, T ${CLIP.frames}, V ${CLIP.joints}, C ${CLIP.inputChannels}; ` +
    `forward + backward, median of ${steps} steps after ${warmup} warm-up`,
);
printTable(rows.map(tableCells));
writeResults('image-encoder', {
  date: new Date().toISOString(),
  node: process.version,
  clip: CLIP,
  steps,
  warmup,
  torch,
  rows,
});

function measureOurs(config) {
  const random = createRandom(1);
  const encoder = encoders.initEncoder(config, random);
  const shape = [CLIP.batch, CLIP.bodies, CLIP.frames, CLIP.joints, CLIP.inputChannels];
  const x = tf.tensor(fillNormal(random, new Float32Array(shape.reduce((a, b) => a * b))), shape);
  const variables = encoders.trainableVariables(encoder);
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.mean(tf.square(encoders.encode(encoder, x, { training: true }).embedding)),
        variables,
      );
      // Reading one gradient back waits for the whole backward pass.
      grads[variables[0].name].dataSync();
    });
  for (let i = 0; i < warmup; i += 1) step();
  const tensorsBefore = tf.memory().numTensors;
  const seconds = sampleMilliseconds(step, steps, 0).map((ms) => ms / 1000);
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  x.dispose();
  encoders.disposeEncoder(encoder);
  return { ...summarise(seconds), leakedTensors, parameters: variables.reduce((sum, v) => sum + v.size, 0) };
}

function runTorch(config) {
  return runJson(python, [
    join(here, 'image_encoder_torch.py'),
    ...['--config', JSON.stringify(config), '--batch', String(CLIP.batch)],
    ...['--steps', String(steps), '--warmup', String(warmup), '--threads', torchThreads],
  ]);
}

/** FLOPs of one forward + backward step (see the header). */
function stepFlops(config) {
  const n = CLIP.batch * CLIP.bodies;
  const conv = (height, width, kernelArea, inputs, outputs) =>
    2 * n * height * width * kernelArea * inputs * outputs;
  const { frames: t, joints: v, inputChannels: c, pointFeatures: p } = config;
  const stream =
    conv(t, v, 1, c, config.pointChannels) +
    conv(t, v, 3, config.pointChannels, p) +
    conv(t, p, 9, v, config.cooccurrenceChannels) +
    conv(t / 2, p / 2, 9, config.cooccurrenceChannels, config.streamChannels);
  const fusion =
    conv(t / 4, p / 4, 9, 2 * config.streamChannels, config.fusionChannels) +
    conv(t / 8, p / 8, 9, config.fusionChannels, config.outputChannels);
  const head = 2 * CLIP.batch * encoders.featureSize(config) * config.embeddingSize;
  return 3 * (2 * stream + fusion + head);
}

function summarise(seconds) {
  return {
    steps: seconds.length,
    medianSeconds: round(median(seconds), 3),
    minSeconds: round(Math.min(...seconds), 3),
  };
}

/** The printed columns of one config's result. */
function tableCells(row) {
  return {
    config: row.config,
    'GFLOP/step': row.gflopPerStep,
    [`ours wasm ${wasmThreads} thr s`]: row.ours.medianSeconds,
    'ours GFLOP/s': row.ours.gflopPerSecond,
    [`torch ${torchThreads} thr s`]: row.pytorch?.medianSeconds,
    'torch GFLOP/s': row.pytorch?.gflopPerSecond,
    'ours/torch': row.oursOverPytorch,
    leaked: row.ours.leakedTensors,
  };
}
