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
import { option } from './lib/arguments.mjs';
import { round } from './lib/format.mjs';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { printTable } from './lib/table.mjs';
import { sampleMilliseconds } from './lib/timing.mjs';

const { tf } = loadTfjs('encoders');
const { createRandom } = await importBuilt('random');
const encoders = await importBuilt('encoders');
const backend = await importBuilt('backend');
await registerGradients();

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

printTable(results, [
  'variant',
  'stepping',
  'secondsPerStep',
  'min',
  'max',
  'gruGflop',
  'gflopPerSecond',
  'leakedTensors',
]);
writeResults('encoder', { date: new Date().toISOString(), node: process.version, steps, results });

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
  const times = sampleMilliseconds(step, steps, 0).map((ms) => ms / 1000);
  const leaked = tf.memory().numTensors - tensorsBefore;
  optimizer.dispose();
  x.dispose();
  encoders.disposeEncoder(encoder);
  const secondsPerStep = median(times);
  const gflop = gruStepFlops(sizes) / 1e9;
  return {
    secondsPerStep: round(secondsPerStep, 3),
    min: round(Math.min(...times), 3),
    max: round(Math.max(...times), 3),
    gruGflop: round(gflop, 3),
    gflopPerSecond: round(gflop / secondsPerStep, 3),
    leakedTensors: leaked,
  };
}
