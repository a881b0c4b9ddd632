// Training-step time of the @halp/encoders BiGRU (forward + backward + SGD update), per backend.
//
//   npx -y pnpm@10 build && node tooling/bench/encoder.mjs [--steps N] [--only NAME-PART]
//
// Variants: config S (H 256, L 2, T 32, B 32, C 150) on stock tfjs-backend-wasm and with
// @halp/backend's fast WASM kernels; a tiny config on the cpu backend (config S takes ~40 s a step
// there); config M (H 512, L 3, T 64, B 64) only with `--only M`. Both steppings each. Prints a
// table and writes .bench-results/encoder.json.
//
// GFLOP/s counts the GRU matMuls only. Forward, per layer l with input width I_l (C, then 2H):
//   2 directions × 2·T·B·3H·(I_l + H)   (input projection + recurrent projection)
// and the backward pass costs twice that (gradients of both matMul operands), so one step is
//   3 × Σ_l 4·T·B·3H·(I_l + H)          (11.08 GFLOP for config S).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireFromEncoders = createRequire(join(root, 'packages', 'encoders', 'package.json'));
const tf = requireFromEncoders('@tensorflow/tfjs-core');
requireFromEncoders('@tensorflow/tfjs-backend-cpu');
requireFromEncoders('@tensorflow/tfjs-backend-wasm');

const { createRandom } = await import(pathToFileURL(join(root, 'packages/random/dist/index.js')).href);
const encoders = await import(pathToFileURL(join(root, 'packages/encoders/dist/index.js')).href);
const backend = await import(pathToFileURL(join(root, 'packages/backend/dist/index.js')).href);
// tfjs-core's Node bundle registers no gradients; @halp/backend ships them as a bundle.
await import(pathToFileURL(join(root, 'packages/backend/dist/register-gradients.js')).href);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const steps = Number(option('steps', '3'));
const only = option('only', undefined);

const S = { inputSize: 150, hiddenSize: 256, numLayers: 2, frames: 32, batch: 32 };
const M = { inputSize: 150, hiddenSize: 512, numLayers: 3, frames: 64, batch: 64 };
const TINY = { inputSize: 150, hiddenSize: 32, numLayers: 2, frames: 16, batch: 8 };

const variants = [
  { name: 'wasm stock, S', backend: 'wasm', fastKernels: false, sizes: S },
  { name: 'wasm + @halp/backend kernels, S', backend: 'wasm', fastKernels: true, sizes: S },
  { name: 'cpu, tiny', backend: 'cpu', fastKernels: false, sizes: TINY },
  // Config M (282 GFLOP a step, ~10 s) only on request: --only M
  { name: 'wasm + @halp/backend kernels, M', backend: 'wasm', fastKernels: true, sizes: M, onRequest: true },
].filter((variant) => (only === undefined ? !variant.onRequest : variant.name.includes(only)));

const results = [];
for (const variant of variants) {
  await tf.setBackend(variant.backend);
  if (variant.fastKernels) backend.registerFastWasmKernels();
  else backend.restoreStockWasmKernels();
  for (const stepping of ['bidirectional', 'reference']) {
    results.push({ ...describe(variant), stepping, ...measure(variant.sizes, stepping) });
  }
}

printTable(results);
mkdirSync(join(root, '.bench-results'), { recursive: true });
writeFileSync(
  join(root, '.bench-results', 'encoder.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, steps, results }, null, 2)}\n`,
);

function describe(variant) {
  const { hiddenSize, numLayers, frames, batch, inputSize } = variant.sizes;
  return {
    variant: variant.name,
    backend: variant.backend,
    H: hiddenSize,
    L: numLayers,
    T: frames,
    B: batch,
    C: inputSize,
  };
}

function gruStepFlops({ inputSize, hiddenSize: h, numLayers, frames, batch }) {
  let forward = 0;
  for (let layer = 0; layer < numLayers; layer += 1) {
    const layerInput = layer === 0 ? inputSize : 2 * h;
    forward += 2 * 2 * frames * batch * 3 * h * (layerInput + h);
  }
  return 3 * forward;
}

function measure(sizes, stepping) {
  const config = {
    inputSize: sizes.inputSize,
    hiddenSize: sizes.hiddenSize,
    numLayers: sizes.numLayers,
    head: 'linear',
    embeddingSize: 128,
    stepping,
    batchNorm: true,
  };
  const random = createRandom(1);
  const encoder = encoders.initEncoder(config, random);
  const values = new Float32Array(sizes.batch * sizes.frames * sizes.inputSize);
  for (let i = 0; i < values.length; i += 1) values[i] = random.nextFloat() * 2 - 1;
  const x = tf.tensor3d(values, [sizes.batch, sizes.frames, sizes.inputSize]);
  const optimizer = tf.train.sgd(0.01);
  const step = () => {
    optimizer.minimize(
      () => tf.mean(tf.square(encoders.encode(encoder, x, { training: true }).embedding)),
      false,
      encoders.trainableVariables(encoder),
    );
    encoders.updateRunningStatistics(encoder, x);
  };
  step(); // warm-up: kernel setup, first allocations
  const tensorsBefore = tf.memory().numTensors;
  const times = [];
  for (let i = 0; i < steps; i += 1) {
    const start = performance.now();
    step();
    times.push((performance.now() - start) / 1000);
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  optimizer.dispose();
  x.dispose();
  encoders.disposeEncoder(encoder);
  const median = times.slice().sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const gflop = gruStepFlops(sizes) / 1e9;
  return {
    secondsPerStep: round(median),
    min: round(Math.min(...times)),
    max: round(Math.max(...times)),
    gruGflop: round(gflop),
    gflopPerSecond: round(gflop / median),
    leakedTensors: leaked,
  };
}

function round(value) {
  return Math.round(value * 1000) / 1000;
}

function printTable(rows) {
  const columns = [
    'variant',
    'stepping',
    'secondsPerStep',
    'min',
    'max',
    'gruGflop',
    'gflopPerSecond',
    'leakedTensors',
  ];
  const present = columns.filter((column) => rows.some((row) => row[column] !== undefined));
  const cell = (row, column) => String(row[column] ?? '');
  const widths = present.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ');
  console.log(line(present));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(present.map((column) => cell(row, column))));
}
