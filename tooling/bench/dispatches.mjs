// WebGPU dispatches per training step, without and with halp's fused recurrent kernels: the GPU
// cost that can be counted on any machine. On a GPU a step of many small kernels is bound by
// dispatch count, not arithmetic (the stock tfjs ops ran ~1.4 s per step at the paper configuration
// on an H200), and the count does not depend on the adapter, so it is counted on whatever adapter
// Dawn finds: SwiftShader on a machine without a GPU (see .ci/run for the set-up).
//
//   npx -y pnpm@10 build && node tooling/bench/dispatches.mjs   # ~35 min on SwiftShader, 2 busy cores (stock rows)
//   node tooling/bench/dispatches.mjs --configs S --methods moco                  # one row
//
// Flags: --configs S,M,paper  --methods moco,halp  --variants stock,fused  --stepping bidirectional
//
// Configs: S = L 2, T 32; M = L 3, T 64; paper = L 3, T 64 (H 1024, B 128, K 16384). The count
// depends on T, L and the method only — not on H, B, K or the embedding size (each op is one
// dispatch whatever its shape) — so every row runs with H 16, B 8, K 256, embedding 16: M and the
// paper configuration share one count. The bench checks the independence on its first row by
// counting again with H 24, B 12. Counted: one `trainStep` after two warm-up steps, HaLP active
// (warmupKeys 1), no prototype refresh in the counted step. "kernels" counts tfjs kernel calls.
//
// For comparison, the reference implementation feeds PyTorch's GRU one frame at a time: its step
// makes 128 `aten::gru` calls (query and key forwards of 64 frames), each a cuDNN launch sequence
// over all layers and both directions, plus their backward.
import { fileURLToPath } from 'node:url';
import { flag, list, option } from './lib/arguments.mjs';
import { benchTrainingState, NTU_CHANNELS } from './lib/bench-training-state.mjs';
import { importBuilt, loadTfjs, registerGradients } from './lib/packages.mjs';
import { runJson } from './lib/processes.mjs';
import { writeResults } from './lib/results.mjs';
import { printMarkdownTable, printTable } from './lib/table.mjs';

const CONFIGS = {
  S: { numLayers: 2, frames: 32 },
  M: { numLayers: 3, frames: 64 },
  paper: { numLayers: 3, frames: 64 },
};
const COUNTED_SIZES = { hiddenSize: 16, batch: 8, queueSize: 256, embedding: 16 };
const CHECK_SIZES = { hiddenSize: 24, batch: 12, queueSize: 256, embedding: 16 };
const REFERENCE_GRU_CALLS = 128;
const HALP_OPTIONS = {
  warmupKeys: 1,
  numPrototypes: 4,
  keysForPrototypes: 16,
  updateEvery: 10,
  numPositives: 8,
  numClosest: 3,
  skipClosest: 1,
  mu: 2,
};

/** Child process: counts the dispatches and kernels of one training step and prints them as JSON. */
async function runWorker() {
  await registerGradients();
  const backend = { ...(await importBuilt('backend')), ...(await importBuilt('backend', 'node/index.js')) };
  const trainer = await importBuilt('trainer');
  const { fillNormal, forkRandom } = await importBuilt('random');
  const { tf } = loadTfjs('trainer');

  const selected = await backend.selectBackend({ preference: 'webgpu' });
  if (option('variant') === 'stock') backend.unregisterFusedWebgpuKernels();
  const sizes = { ...CONFIGS[option('config')], ...JSON.parse(option('sizes')) };
  const method = option('method');
  const { config, state, random } = await benchTrainingState({
    method,
    methodOptions: method === 'halp' ? HALP_OPTIONS : {},
    sizes,
    stepping: option('stepping'),
  });
  const clip = () =>
    tf.tensor3d(fillNormal(random, new Float32Array(sizes.batch * sizes.frames * NTU_CHANNELS)), [
      sizes.batch,
      sizes.frames,
      NTU_CHANNELS,
    ]);
  const views = { query: [clip()], key: [clip()] };

  const gpu = tf.backend();
  const submit = gpu.recordAndSubmit.bind(gpu);
  const programs = new Map();
  let dispatches = 0;
  gpu.recordAndSubmit = (program, ...rest) => {
    dispatches += 1;
    const name = program.shaderKey.split('_')[0];
    programs.set(name, (programs.get(name) ?? 0) + 1);
    return submit(program, ...rest);
  };
  const engine = tf.engine();
  const runKernel = engine.runKernel.bind(engine);
  let kernels = 0;
  engine.runKernel = (...args) => {
    kernels += 1;
    return runKernel(...args);
  };

  const step = (index) =>
    trainer.trainStep(state, views, config.optimizer.learningRate, forkRandom(random, `step ${index}`));
  for (let index = 0; index < 2; index += 1) await step(index);
  [dispatches, kernels] = [0, 0];
  programs.clear();
  await step(2);
  const active = Object.entries(state.method.metrics()).filter(([key]) => key.startsWith('active'));
  if (method === 'halp' && !active.every(([, value]) => value === 1)) throw new Error('HaLP was inactive');
  const largest = [...programs].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(
    JSON.stringify({
      adapter: selected.reasons.at(-1).reason,
      dispatches,
      kernels,
      largest: largest.map(([name, count]) => `${name} ${count}`).join(', '),
    }),
  );
  process.exit(0);
}

function count(config, method, variant, stepping, sizes) {
  console.error(`counting: ${config} ${method} ${variant} ...`);
  return runJson(process.execPath, [
    fileURLToPath(import.meta.url),
    '--worker',
    ...['--config', config, '--method', method, '--variant', variant, '--stepping', stepping],
    ...['--sizes', JSON.stringify(sizes)],
  ]);
}

/** Parent process: one worker per row (a fresh WebGPU device and kernel registry each). */
function runBench() {
  const configs = list('configs', 'S,M,paper');
  const methods = list('methods', 'moco,halp');
  const variants = list('variants', 'stock,fused');
  const stepping = option('stepping', 'bidirectional');
  const counted = new Map();
  const rows = [];
  let adapter = '';
  for (const config of configs) {
    if (CONFIGS[config] === undefined) throw new RangeError(`unknown config ${config} (S, M or paper)`);
    const shape = JSON.stringify(CONFIGS[config]);
    for (const method of methods) {
      const row = { config, L: CONFIGS[config].numLayers, T: CONFIGS[config].frames, method };
      for (const variant of variants) {
        // M and the paper configuration differ only in sizes the count does not depend on.
        const key = `${shape} ${method} ${variant}`;
        if (!counted.has(key)) counted.set(key, count(config, method, variant, stepping, COUNTED_SIZES));
        const result = counted.get(key);
        adapter = result.adapter;
        row[`${variant} dispatches`] = result.dispatches;
        row[`${variant} kernels`] = result.kernels;
        row[`${variant} largest`] = result.largest;
      }
      if (row['stock dispatches'] && row['fused dispatches']) {
        row.ratio = `${(row['stock dispatches'] / row['fused dispatches']).toFixed(1)}×`;
      }
      rows.push(row);
    }
  }
  const first = rows[0];
  const check = count(first.config, first.method, variants.at(-1), stepping, CHECK_SIZES);
  const independent = check.dispatches === first[`${variants.at(-1)} dispatches`];
  console.log(`adapter: ${adapter}; reference: ${REFERENCE_GRU_CALLS} aten::gru calls per step (T 64)`);
  console.log(
    `size independence (${first.config} ${first.method}, H ${CHECK_SIZES.hiddenSize} B ${CHECK_SIZES.batch}): ` +
      `${check.dispatches} dispatches (${independent ? 'same' : 'DIFFERENT'})`,
  );
  printTable(rows.map(({ [`stock largest`]: _s, [`fused largest`]: _f, ...rest }) => rest));
  console.log('');
  printMarkdownTable(
    rows.map((row) => ({
      config: row.config,
      method: row.method,
      'stock tfjs ops': row['stock dispatches'],
      'fused kernels': row['fused dispatches'],
      fewer: row.ratio,
    })),
  );
  for (const row of rows)
    console.log(`${row.config} ${row.method}: stock ${row['stock largest']}; fused ${row['fused largest']}`);
  const path = writeResults('dispatches', {
    date: new Date().toISOString(),
    node: process.version,
    adapter,
    countedSizes: COUNTED_SIZES,
    sizeIndependence: { sizes: CHECK_SIZES, dispatches: check.dispatches, independent },
    referenceGruCallsPerStep: REFERENCE_GRU_CALLS,
    rows,
  });
  console.log(`\nwrote ${path}`);
}

if (flag('worker')) await runWorker();
else runBench();
