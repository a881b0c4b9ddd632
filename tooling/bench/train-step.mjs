// Time of one full pretraining step of @halp/trainer (HaLP and the MoCo baseline) on the WASM
// backend, next to a PyTorch implementation of the same step (tooling/bench/train_step_torch.py)
// when Debian's python3-torch is installed.
//
//   npx -y pnpm@10 build && node tooling/bench/train-step.mjs                 # config S, ~4 min
//   node tooling/bench/train-step.mjs --configs M --steps 3 --warmup 2        # config M, ~10 min
//
// Flags: --configs S,M  --steps 20 (timed steps, median reported)  --warmup 3  --threads 1,2 (ours)
//        --methods halp,moco (also cmd, cmd-halp: three modality streams; ours only)
//        --stepping bidirectional|reference (ours)  --torch-threads 2 (or 1,2)
//        --torch-steppings reference,sequence  --python /usr/bin/python3  --no-torch
//
// Configs (from the trainer issue): S = H 256, L 2, T 32, B 32, K 4096; M = H 512, L 3, T 64, B 64,
// K 16384; both with 150 input channels, the MLP head and 128-d embeddings. HaLP runs with the
// reference sizes (20 prototypes from the newest 256 keys every 10 steps, 100 positives drawn from
// a pool of 20, μ 2) and warmupKeys 1 so that it hallucinates from the second step on: warm-up is
// at least 2 steps and the bench fails if HaLP was inactive during a timed step.
//
// One step is `trainStep`: momentum update, key forward, HaLP prepare, query forward + backward,
// SGD, enqueue, prototype refresh. Each (config, threads, method) runs in its own Node process:
// the threaded WASM build must be installed before the backend first starts, and each process's
// peak RSS (`process.resourceUsage().maxRSS`) is then that variant's own. Each PyTorch variant runs
// in its own Python process for the same reason.
//
// FLOP count per step (matMuls only; the backward of a matMul costs twice its forward):
//   GRU:    forward F = Σ_l 2 directions · 2·B·T·3H·(I_l + H), I_l = 150 then 2H;
//           query forward + backward 3F, key forward F → 4F
//   head:   forward 2·B·(2H·2H + 2H·E); query ×3, key ×1 → 4×
//   logits: z_q·[z_k, Q] forward 2·B·(K + 1)·E, backward (to z_q only) the same → 2×
// S: 14.77 + 0.08 + 0.07 = 14.9 GFLOP; M: 375.9 + 0.6 + 0.5 = 377.0 GFLOP.
// The machine's practical peak is a 2048² float32 matMul in NumPy/OpenBLAS on one thread; "% peak"
// divides by threads × that (the measured 2-thread matMul is recorded too, but on a shared machine
// it mostly measures the neighbours). Each worker also times the same matMul on its WASM backend:
// NumPy peak / WASM peak is the least ours / PyTorch can be when both run their matMuls equally well,
// and "% wasm mm" is our step's GFLOP/s over that WASM peak (how much of our own ceiling we use).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, list, option } from './lib/arguments.mjs';
import { benchTrainingState, NTU_CHANNELS } from './lib/bench-training-state.mjs';
import { fixed } from './lib/format.mjs';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { runJson } from './lib/processes.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { printTable } from './lib/table.mjs';
import { probeTorch } from './lib/torch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIGS = {
  S: { hiddenSize: 256, numLayers: 2, frames: 32, batch: 32, queueSize: 4096 },
  M: { hiddenSize: 512, numLayers: 3, frames: 64, batch: 64, queueSize: 16384 },
};
const EMBEDDING = 128;
const HALP_OPTIONS = {
  warmupKeys: 1,
  numPrototypes: 20,
  keysForPrototypes: 256,
  updateEvery: 10,
  numPositives: 100,
  numClosest: 20,
  skipClosest: 1,
  mu: 2,
};

/**
 * `methodOptions` of a benchmarked method: HaLP's reference sizes for `halp` and `cmd-halp`; CMD's
 * top-k at half the queue, as the references' 8192 of 16384.
 */
function methodOptions(method, sizes) {
  return {
    ...(method.startsWith('cmd') ? { topK: sizes.queueSize / 2 } : {}),
    ...(method.includes('halp') ? HALP_OPTIONS : {}),
  };
}

/** Child process: times one (config, threads, method) and prints its result as one JSON line. */
async function runWorker() {
  await registerGradients();
  const { selectBackend } = await importBuilt('backend', 'node/index.js');
  const trainer = await importBuilt('trainer');
  const { fillNormal, forkRandom } = await importBuilt('random');
  const { trainableVariables } = await importBuilt('encoders');

  const name = option('config');
  const sizes = CONFIGS[name];
  const method = option('method');
  const steps = Number(option('steps'));
  const warmup = Math.max(2, Number(option('warmup')));
  const selected = await selectBackend({ preference: 'wasm', threads: Number(option('threads')) });
  const { tf } = loadTfjs('trainer');

  const { config, state, random } = await benchTrainingState({
    method,
    methodOptions: methodOptions(method, sizes),
    sizes: { ...sizes, embedding: EMBEDDING },
    stepping: option('stepping'),
  });
  const viewShape = [sizes.batch, sizes.frames, NTU_CHANNELS];
  const inputs = forkRandom(random, 'inputs');
  const randomClip = () =>
    tf.tensor3d(fillNormal(inputs, new Float32Array(sizes.batch * sizes.frames * NTU_CHANNELS)), viewShape);
  // One random [B, T, 150] view per stream (every stream here is a BiGRU sequence stream).
  const randomViews = () => state.streams.map(() => randomClip());
  const batches = Array.from({ length: 4 }, () => ({ query: randomViews(), key: randomViews() }));

  const seconds = [];
  let inactiveTimedSteps = 0;
  let tensorsAfterWarmup = 0;
  for (let step = 0; step < warmup + steps; step += 1) {
    if (step === warmup) tensorsAfterWarmup = tf.memory().numTensors;
    const start = performance.now();
    await trainer.trainStep(
      state,
      batches[step % batches.length],
      config.optimizer.learningRate,
      forkRandom(random, `step ${step}`),
    );
    const elapsed = (performance.now() - start) / 1000;
    if (step < warmup) continue;
    seconds.push(elapsed);
    const activity = Object.entries(state.method.metrics()).filter(([key]) => key.startsWith('active'));
    if (method.includes('halp') && !activity.every(([, value]) => value === 1)) inactiveTimedSteps += 1;
  }
  const leakedTensors = tf.memory().numTensors - tensorsAfterWarmup;
  const parameters = state.streams
    .flatMap((stream) => trainableVariables(stream.queryEncoder))
    .reduce((sum, v) => sum + v.size, 0);
  trainer.disposeTrainingState(state);
  tf.dispose(batches.flatMap(({ query, key }) => [...query, ...key]));
  if (inactiveTimedSteps > 0) throw new Error(`HaLP was inactive in ${inactiveTimedSteps} timed steps`);
  console.log(
    JSON.stringify({
      backend: selected.reasons.find((attempt) => attempt.ok).reason,
      parameters,
      ...summarise(seconds),
      matmulGflops: await wasmMatmulPeak(tf),
      leakedTensors,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0); // the threaded build's pthread workers would keep the process alive
}

/**
 * Best 2048² float32 matMul GFLOP/s on this process's backend (XNNPACK through tfjs-backend-wasm):
 * the ceiling of our step, as NumPy's is of PyTorch's; their ratio bounds ours / PyTorch from below
 * at equal efficiency.
 */
async function wasmMatmulPeak(tf) {
  const size = 2048;
  const a = tf.randomUniform([size, size]);
  const b = tf.randomUniform([size, size]);
  let best = Number.POSITIVE_INFINITY;
  for (let repeat = 0; repeat < 5; repeat += 1) {
    const start = performance.now();
    const product = tf.matMul(a, b);
    await product.data();
    best = Math.min(best, (performance.now() - start) / 1000);
    product.dispose();
  }
  tf.dispose([a, b]);
  return (2 * size ** 3) / best / 1e9;
}

/** Parent process: runs every variant in its own process, prints the tables, writes the JSON. */
function runBench() {
  const configs = list('configs', 'S');
  const steps = option('steps', '20');
  const warmup = option('warmup', '3');
  const threads = list('threads', '1,2');
  const methods = list('methods', 'halp,moco');
  const stepping = option('stepping', 'bidirectional');
  const torchThreads = list('torch-threads', '2');
  const torchSteppings = list('torch-steppings', 'reference,sequence');
  const python = option('python', '/usr/bin/python3');
  const torch = probeTorch(python);

  const peak = machinePeak(python);
  const ours = [];
  const reference = [];
  for (const config of configs) {
    if (CONFIGS[config] === undefined) throw new RangeError(`unknown config ${config} (S or M)`);
    for (const count of threads) {
      for (const method of methods) {
        console.error(`ours: config ${config}, ${count} thread(s), ${method} ...`);
        const result = runJson(process.execPath, [
          fileURLToPath(import.meta.url),
          '--worker',
          ...['--config', config, '--threads', count, '--method', method],
          ...['--steps', steps, '--warmup', warmup, '--stepping', stepping],
        ]);
        ours.push({ config, threads: Number(count), method, stepping, ...result });
      }
    }
    if (!torch.ok) continue;
    for (const count of torchThreads) {
      // train_step_torch.py implements the single-stream step (MoCo, HaLP).
      for (const method of methods.filter((name) => name === 'moco' || name === 'halp')) {
        for (const torchStepping of torchSteppings) {
          console.error(`PyTorch: config ${config}, ${count} thread(s), ${method}, ${torchStepping} ...`);
          const { results } = runJson(python, [
            join(here, 'train_step_torch.py'),
            ...['--configs', config, '--methods', method, '--steppings', torchStepping],
            ...['--steps', steps, '--warmup', warmup, '--threads', count],
          ]);
          reference.push(...results);
        }
      }
    }
  }

  for (const config of configs) printConfig(config, ours, reference, peak);
  writeResults('train-step', {
    date: new Date().toISOString(),
    node: process.version,
    torch,
    peak,
    flops: flopTable(configs),
    ours,
    pytorch: reference,
  });
}

/** Best 2048² float32 matMul GFLOP/s in NumPy on 1 and 2 BLAS threads (null without NumPy). */
function machinePeak(python) {
  const interpreter = existsSync(python) ? python : 'python3';
  const measure = (threads) => {
    const env = {
      ...process.env,
      OPENBLAS_NUM_THREADS: threads,
      OMP_NUM_THREADS: threads,
      MKL_NUM_THREADS: threads,
    };
    const run = spawnSync(interpreter, [join(here, 'train_step_torch.py'), '--peak'], {
      encoding: 'utf8',
      env,
    });
    return run.status === 0 ? JSON.parse(run.stdout).matmulGflops : null;
  };
  return {
    source: `${interpreter} NumPy 2048² float32 matMul`,
    oneThreadGflops: measure('1'),
    twoThreadGflops: measure('2'),
  };
}

function summarise(seconds) {
  return {
    steps: seconds.length,
    medianSeconds: median(seconds),
    minSeconds: Math.min(...seconds),
    maxSeconds: Math.max(...seconds),
  };
}

/** FLOPs of one training step (see the header for the formula). */
function stepFlops({ hiddenSize: h, numLayers, frames, batch, queueSize }) {
  let gruForward = 0;
  for (let layer = 0; layer < numLayers; layer += 1) {
    const input = layer === 0 ? NTU_CHANNELS : 2 * h;
    gruForward += 2 * 2 * batch * frames * 3 * h * (input + h);
  }
  const headForward = 2 * batch * (2 * h * 2 * h + 2 * h * EMBEDDING);
  const logitsForward = 2 * batch * (queueSize + 1) * EMBEDDING;
  return 4 * gruForward + 4 * headForward + 2 * logitsForward;
}

function flopTable(configs) {
  return Object.fromEntries(configs.map((config) => [config, stepFlops(CONFIGS[config])]));
}

function printConfig(config, ours, reference, peak) {
  const flops = stepFlops(CONFIGS[config]);
  const { hiddenSize, numLayers, frames, batch, queueSize } = CONFIGS[config];
  console.log(
    `\nconfig ${config}: H ${hiddenSize}, L ${numLayers}, T ${frames}, B ${batch}, K ${queueSize}; ` +
      `${(flops / 1e9).toFixed(1)} GFLOP/step; NumPy matMul peak ${fixed(peak.oneThreadGflops, 1)} GFLOP/s (1 thr), ` +
      `${fixed(peak.twoThreadGflops, 1)} (2 thr); ours (WASM) ${ours
        .filter((row) => row.config === config && row.method === 'moco')
        .map((row) => `${fixed(row.matmulGflops, 1)} (${row.threads} thr)`)
        .join(', ')}`,
  );
  const find = (rows, where) => rows.find((row) => Object.entries(where).every(([k, v]) => row[k] === v));
  // Ours is compared with PyTorch on the same thread count (else the thread count that ran).
  const torchHalp = (stepping, threads) =>
    (
      find(reference, { config, method: 'halp', stepping, threads }) ??
      find(reference, { config, method: 'halp', stepping })
    )?.medianSeconds;
  // The cells of one variant's row; `torchRatios` (ours only) stand before the halp/moco ratios.
  const cells = (variant, row, baseline, torchRatios = {}) => ({
    variant,
    method: row.method,
    stepping: row.stepping,
    steps: row.steps,
    median: fixed(row.medianSeconds, 3),
    min: fixed(row.minSeconds, 3),
    'GFLOP/s': fixed((streamCount(row.method) * flops) / 1e9 / row.medianSeconds, 1),
    '% peak': percentOfPeak((streamCount(row.method) * flops) / row.medianSeconds, row.threads, peak),
    // Ours against the matMul ceiling of our own backend (WASM SIMD) on the same thread count.
    '% wasm mm':
      row.matmulGflops === undefined
        ? ''
        : `${((100 * streamCount(row.method) * flops) / 1e9 / row.medianSeconds / row.matmulGflops).toFixed(0)}%`,
    ...torchRatios,
    '/moco': row.method === 'moco' ? '' : ratio(row.medianSeconds, baseline?.medianSeconds),
    // Minimum over steps: less coloured by other processes on a shared machine than the median.
    '/moco min': row.method === 'moco' ? '' : ratio(row.minSeconds, baseline?.minSeconds),
    'RSS MiB': fixed(row.peakRssMiB, 0),
  });
  const rows = [];
  for (const row of ours.filter((r) => r.config === config)) {
    const baseline = find(ours, { config, threads: row.threads, method: 'moco' });
    const halp = row.method === 'halp';
    rows.push(
      cells(`ours wasm ${row.threads} thr`, row, baseline, {
        'vs torch ref': halp ? ratio(row.medianSeconds, torchHalp('reference', row.threads)) : '',
        'vs torch seq': halp ? ratio(row.medianSeconds, torchHalp('sequence', row.threads)) : '',
      }),
    );
  }
  for (const row of reference.filter((r) => r.config === config)) {
    const where = { config, method: 'moco', stepping: row.stepping, threads: row.threads };
    rows.push(cells(`PyTorch ${row.threads} thr`, row, find(reference, where)));
  }
  printTable(rows);
}

/** Streams of a method's step: CMD trains joint, motion and bone, each the FLOPs of one step. */
function streamCount(method) {
  return method.startsWith('cmd') ? 3 : 1;
}

function percentOfPeak(flopsPerSecond, threads, peak) {
  const reference = peak.oneThreadGflops === null ? null : threads * peak.oneThreadGflops;
  return reference ? `${((100 * flopsPerSecond) / 1e9 / reference).toFixed(0)}%` : '';
}

function ratio(numerator, denominator) {
  return denominator === undefined ? '' : `${(numerator / denominator).toFixed(2)}×`;
}

// Last, so that every module-level constant above is initialised.
if (flag('worker')) await runWorker();
else runBench();
