// Benchmark of @halp/backend's replacement WASM kernels against tfjs-backend-wasm 4.22's stock ones:
// GFLOP/s of the matMuls of one dense layer's training step (forward X·W and the two transposed
// products autodiff makes of it, dX = dY·Wᵀ and dW = Xᵀ·dY, at B 64, in 512, out 1536), of the same
// layer applied to a [T 8, B 64, 512] sequence, the time to unstack a [T 64, B 64, F 150]
// sequence along time, and the transposes of the graph encoder's training step (its [N, T, V, C]
// and [K, V, N, T, C] layouts, the BiGRU's [B·T, C] → [C, B·T], BatchNorm's moments over all but
// the channel axis of [N, M, T, V, C]), with the stock and the fast kernels, on 1 thread and, when
// the threaded build starts, on 2.
//
// Run after `npx tsc -b packages/backend packages/random`: node tooling/bench/wasm-kernels.mjs
// Prints a table and writes .bench-results/wasm-kernels.json. Each thread count runs in its own
// process, because the thread count is fixed when the WASM backend starts.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fixed } from './lib/format.mjs';
import { importBuilt, loadTfjs } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { median } from './lib/statistics.mjs';
import { printTable } from './lib/table.mjs';

const THREAD_COUNTS = [1, 2];

/** Median milliseconds per call of `run` (which returns tensors to read back and dispose). */
function millisecondsPerCall(tf, run, samples = 7) {
  const times = [];
  for (let sample = 0; sample <= samples; sample += 1) {
    const start = performance.now();
    const outputs = [run()].flat();
    for (const output of outputs) output.dataSync();
    if (sample > 0) times.push(performance.now() - start);
    tf.dispose(outputs);
  }
  return median(times);
}

/** Measures every case with stock and fast kernels in this process, on `threads` threads. */
async function measure(threads) {
  const { registerFastWasmKernels, restoreStockWasmKernels } = await importBuilt('backend');
  const { installThreadedWasmBackend } = await importBuilt('backend', 'node/index.js');
  const { createRandom, fillUniform } = await importBuilt('random');
  const { tf, wasm } = loadTfjs('backend');
  const threading = threads > 1 ? await installThreadedWasmBackend(threads) : { ok: true, threads: 1 };
  if (!threading.ok) return { threads, skipped: threading.reason };
  registerFastWasmKernels();
  await tf.setBackend('wasm');

  const random = createRandom(20231);
  const tensor = (shape) =>
    tf.tensor(fillUniform(random, new Float32Array(shape.reduce((a, b) => a * b, 1)), -1, 1), shape);
  const [batch, input, output] = [64, 512, 1536];
  const x = tensor([batch, input]);
  const w = tensor([input, output]);
  const dy = tensor([batch, output]);
  const sequence = tensor([64, 64, 150]);
  const steps = tensor([8, batch, input]);
  const flop = 2 * batch * input * output;
  const graphLayout = tensor([64, 32, 25, 16]);
  const partitionedLayout = tensor([3, 25, 64, 32, 16]);
  const bodiesLayout = tensor([32, 2, 32, 25, 16]);
  const sequenceRows = tensor([64 * 32, 256]);
  const transposes = {
    'transpose [64, 32, 25, 16] by [2, 0, 1, 3]': () => tf.transpose(graphLayout, [2, 0, 1, 3]),
    'transpose [64, 32, 25, 16] by [3, 0, 1, 2]': () => tf.transpose(graphLayout, [3, 0, 1, 2]),
    'transpose [3, 25, 64, 32, 16] by [2, 3, 1, 0, 4]': () =>
      tf.transpose(partitionedLayout, [2, 3, 1, 0, 4]),
    'transpose [B·T 2048, C 256] (BiGRU)': () => tf.transpose(sequenceRows),
    'mean of [32, 2, 32, 25, 16] over [0, 1, 2, 3]': () => tf.mean(bodiesLayout, [0, 1, 2, 3]),
  };
  const matMuls = {
    'X·W (forward)': [() => tf.matMul(x, w), flop],
    'dY·Wᵀ (dX)': [() => tf.matMul(dy, w, false, true), flop],
    'Xᵀ·dY (dW)': [() => tf.matMul(x, dy, true, false), flop],
    '[8, 64, 512]·W (sequence)': [() => tf.matMul(steps, w), 8 * flop],
  };
  const rows = [];
  for (const kernels of ['stock', 'fast']) {
    if (kernels === 'stock') restoreStockWasmKernels();
    else registerFastWasmKernels();
    for (const [name, [run, flops]] of Object.entries(matMuls)) {
      // The stock scalar loop takes ~1 s on the sequence product: fewer samples there.
      const ms = millisecondsPerCall(tf, run, kernels === 'stock' && flops > flop ? 3 : 7);
      rows.push({
        case: `matMul ${name}`,
        kernels,
        threads: wasm.getThreadsCount(),
        ms,
        gflops: flops / ms / 1e6,
      });
    }
    rows.push({
      case: 'unstack [64, 64, 150] along time',
      kernels,
      threads: wasm.getThreadsCount(),
      ms: millisecondsPerCall(tf, () => tf.unstack(sequence, 0)),
    });
    rows.push({
      case: 'slice one step of [64, 64, 150]',
      kernels,
      threads: wasm.getThreadsCount(),
      ms: millisecondsPerCall(tf, () => tf.slice(sequence, [17, 0, 0], [1, 64, 150]), 50),
    });
    for (const [name, run] of Object.entries(transposes)) {
      rows.push({
        case: name,
        kernels,
        threads: wasm.getThreadsCount(),
        ms: millisecondsPerCall(tf, run, 15),
      });
    }
  }
  return { threads, rows };
}

if (process.argv[2] === '--measure') {
  process.stdout.write(JSON.stringify(await measure(Number(process.argv[3]))));
} else {
  const runs = THREAD_COUNTS.map((threads) =>
    JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', String(threads)], {
        encoding: 'utf8',
      }),
    ),
  );
  const rows = runs.flatMap((run) => run.rows ?? []);
  const find = (name, kernels, threads) =>
    rows.find((r) => r.case === name && r.kernels === kernels && r.threads === threads);
  const cases = [...new Set(rows.map((r) => r.case))];
  const table = [];
  for (const threads of THREAD_COUNTS) {
    for (const name of cases) {
      const stock = find(name, 'stock', threads);
      const fast = find(name, 'fast', threads);
      if (!stock || !fast) continue;
      table.push({
        case: name,
        threads,
        'stock ms': stock.ms.toFixed(2),
        'fast ms': fast.ms.toFixed(2),
        'fast GFLOP/s': fixed(fast.gflops, 1),
        'fast ÷ stock speed': `${(stock.ms / fast.ms).toFixed(1)}×`,
      });
    }
  }
  printTable(table);
  const threadRatios = cases
    .map((name) => {
      const one = find(name, 'fast', 1);
      const two = find(name, 'fast', 2);
      return one && two ? { case: name, speedupWith2Threads: one.ms / two.ms } : undefined;
    })
    .filter(Boolean);
  for (const { case: name, speedupWith2Threads } of threadRatios) {
    console.log(`2 threads vs 1, fast kernels, ${name}: ${speedupWith2Threads.toFixed(2)}×`);
  }
  for (const run of runs) if (run.skipped) console.log(`${run.threads} threads skipped: ${run.skipped}`);
  writeResults('wasm-kernels', {
    date: new Date().toISOString(),
    node: process.version,
    rows,
    threadRatios,
    skipped: runs.filter((r) => r.skipped),
  });
}
