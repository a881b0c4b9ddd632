// Training-step time of the @halp/encoders graph encoder (2s-AGCN, the ISC reference's) on the WASM
// backend with @halp/backend's kernels, next to a PyTorch version of the same encoder
// (tooling/bench/graph_encoder_torch.py) when Debian's python3-torch is installed.
//
//   npx tsc -b packages/encoders packages/backend && node tooling/bench/graph-encoder.mjs
//
// Flags: --configs small,reference  --steps 10 (timed, median reported)  --warmup 2  --threads 1
//        (ours and PyTorch alike)  --python /usr/bin/python3  --no-torch
//
// Configs, both on Kinect-25 (24 bones, center joint 20), 2 bodies, 64 frames, adaptive graph,
// temporal kernel 9, linear head to 128:
//   small:     B 32, blocks 32, 32, 64 (stride 2), 64;
//   reference: B 8, the reference's ten blocks 64 ×4, 128 (stride 2) ×3, 256 (stride 2) ×3
//              (B 32 would take ~30 s a step here).
// One step: forward in training mode, loss mean(embedding²), backward, SGD (what `optimizer.minimize`
// does), and the BatchNorm running statistics folded from that forward's batch moments (as PyTorch
// folds them during its forward, and as the trainer does).
//
// FLOP count (matMuls only) per block, N = B·M clips, V joints, K = 3 subsets, E = C_out / 4:
//   attention embeddings 2·2·N·T·V·C_in·K·E, similarity 2·N·K·V²·T·E, aggregation 2·N·K·V²·T·C_in,
//   partition convolutions 2·N·T·V·K·C_in·C_out, down 2·N·T·V·C_in·C_out (C_in ≠ C_out),
//   temporal 2·N·T'·V·9·C_out², residual projection 2·N·T'·V·C_in·C_out;
// a step is 3× the forward (the backward of a matMul costs twice its forward).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './lib/arguments.mjs';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { runJson } from './lib/processes.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { printTable } from './lib/table.mjs';
import { probeTorch } from './lib/torch.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const KINECT_25_PARENTS = [
  1, 20, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, -1, 22, 7, 24, 11,
];
const block = (channels, stride = 1) => ({ channels, stride });
const REFERENCE_BLOCKS = [
  ...[64, 64, 64, 64].map((c) => block(c)),
  block(128, 2),
  block(128),
  block(128),
  block(256, 2),
  block(256),
  block(256),
];
const CONFIGS = {
  small: { batch: 32, frames: 64, blocks: [block(16), block(16), block(32, 2), block(32)] },
  reference: { batch: 4, frames: 64, blocks: REFERENCE_BLOCKS },
};
const BODIES = 2;
const CHANNELS = 3;
const TEMPORAL_KERNEL = 9;

/** The encoder config a bench config describes (shared by ours and PyTorch). */
function encoderConfig(name) {
  return {
    kind: 'graph',
    inputChannels: CHANNELS,
    joints: KINECT_25_PARENTS.length,
    bodies: BODIES,
    edges: KINECT_25_PARENTS.flatMap((parent, joint) => (parent < 0 ? [] : [[joint, parent]])),
    center: 20,
    blocks: CONFIGS[name].blocks,
    temporalKernel: TEMPORAL_KERNEL,
    adaptive: true,
    head: 'linear',
    embeddingSize: 128,
  };
}

/** Child process: times our encoder on one config and prints one JSON line. */
async function runWorker() {
  await registerGradients();
  const { selectBackend } = await importBuilt('backend', 'node/index.js');
  const encoders = await importBuilt('encoders');
  const { createRandom, fillUniform } = await importBuilt('random');
  const { tf } = loadTfjs('encoders');

  const name = option('config');
  const { batch, frames } = CONFIGS[name];
  const steps = Number(option('steps'));
  const warmup = Number(option('warmup'));
  const selected = await selectBackend({ preference: 'wasm', threads: Number(option('threads')) });
  const config = encoderConfig(name);
  const random = createRandom(1);
  const encoder = encoders.initEncoder(config, random);
  const shape = [batch, BODIES, frames, config.joints, CHANNELS];
  const x = tf.tensor(fillUniform(random, new Float32Array(shape.reduce((a, b) => a * b)), -1, 1), shape);
  const optimizer = tf.train.sgd(0.01);
  const trainable = encoders.trainableVariables(encoder);
  const seconds = [];
  let tensorsAfterWarmup = 0;
  for (let step = 0; step < warmup + steps; step += 1) {
    if (step === warmup) tensorsAfterWarmup = tf.memory().numTensors;
    const start = performance.now();
    const moments = [];
    const loss = optimizer.minimize(
      () => tf.mean(tf.square(encoders.encode(encoder, x, { training: true, moments }).embedding)),
      true,
      trainable,
    );
    encoders.foldBatchMoments(moments);
    await loss.data(); // wait for the backend, as PyTorch's .item() does
    await encoder.inputNorm.runningMean.data();
    loss.dispose();
    if (step >= warmup) seconds.push((performance.now() - start) / 1000);
  }
  const leakedTensors = tf.memory().numTensors - tensorsAfterWarmup;
  const parameters = trainable.reduce((sum, variable) => sum + variable.size, 0);
  optimizer.dispose();
  x.dispose();
  encoders.disposeEncoder(encoder);
  console.log(
    JSON.stringify({
      backend: selected.reasons.find((attempt) => attempt.ok).reason,
      parameters,
      steps,
      medianSeconds: median(seconds),
      minSeconds: Math.min(...seconds),
      leakedTensors,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0); // the threaded build's pthread workers would keep the process alive
}

/** Parent process: ours and PyTorch per config, each in its own process; table and JSON. */
function runBench() {
  const configs = option('configs', 'small,reference').split(',').filter(Boolean);
  const steps = option('steps', '10');
  const warmup = option('warmup', '2');
  const threads = option('threads', '1');
  const python = option('python', '/usr/bin/python3');
  const torch = probeTorch(python);

  const results = [];
  for (const name of configs) {
    if (CONFIGS[name] === undefined) throw new RangeError(`unknown config ${name} (small or reference)`);
    const flops = stepFlops(name);
    console.error(`ours: ${name}, ${threads} thread(s) ...`);
    const ours = runJson(process.execPath, [
      fileURLToPath(import.meta.url),
      '--worker',
      ...['--config', name, '--steps', steps, '--warmup', warmup, '--threads', threads],
    ]);
    let pytorch = null;
    if (torch.ok) {
      console.error(`PyTorch: ${name}, ${threads} thread(s) ...`);
      pytorch = runJson(python, [
        join(here, 'graph_encoder_torch.py'),
        ...['--config', JSON.stringify(encoderConfig(name))],
        ...['--batch', String(CONFIGS[name].batch), '--frames', String(CONFIGS[name].frames)],
        ...['--steps', steps, '--warmup', warmup, '--threads', threads],
      ]);
    }
    results.push({
      config: name,
      ...CONFIGS[name],
      threads: Number(threads),
      gflopPerStep: flops / 1e9,
      ours,
      pytorch,
    });
  }
  printTable(
    results.flatMap(({ config, batch, frames, gflopPerStep, ours, pytorch }) => {
      const common = { config, B: batch, T: frames, GFLOP: gflopPerStep.toFixed(1) };
      const rows = [
        {
          ...common,
          variant: `ours wasm ${threads} thr`,
          'step s': ours.medianSeconds.toFixed(3),
          'GFLOP/s': (gflopPerStep / ours.medianSeconds).toFixed(1),
          'ours/torch': pytorch ? `${(ours.medianSeconds / pytorch.medianSeconds).toFixed(2)}×` : '',
          'RSS MiB': ours.peakRssMiB.toFixed(0),
        },
      ];
      if (pytorch) {
        rows.push({
          ...common,
          variant: `PyTorch ${threads} thr`,
          'step s': pytorch.medianSeconds.toFixed(3),
          'GFLOP/s': (gflopPerStep / pytorch.medianSeconds).toFixed(1),
          'RSS MiB': pytorch.peakRssMiB.toFixed(0),
        });
      }
      return rows;
    }),
  );
  writeResults('graph-encoder', { date: new Date().toISOString(), node: process.version, torch, results });
}

/** matMul FLOPs of one training step (3× the forward), as in the header. */
function stepFlops(name) {
  const { batch, frames, blocks } = CONFIGS[name];
  const n = batch * BODIES;
  const v = KINECT_25_PARENTS.length;
  const k = 3;
  let forward = 0;
  let t = frames;
  let input = CHANNELS;
  for (const { channels: output, stride } of blocks) {
    const e = Math.floor(output / 4);
    const next = Math.floor((t - 1) / stride) + 1;
    forward += 2 * 2 * n * t * v * input * k * e + 2 * n * k * v * v * t * e;
    forward += 2 * n * k * v * v * t * input + 2 * n * t * v * k * input * output;
    if (input !== output) forward += 2 * n * t * v * input * output;
    forward += 2 * n * next * v * TEMPORAL_KERNEL * output * output;
    if (input !== output || stride !== 1) forward += 2 * n * next * v * input * output;
    t = next;
    input = output;
  }
  return 3 * forward;
}

// Last, so that every module-level constant above is initialised.
if (flag('worker')) await runWorker();
else runBench();
