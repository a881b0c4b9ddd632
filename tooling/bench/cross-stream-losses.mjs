// Benchmark of the cross-stream losses of @halp/contrastive at the reference's NTU sizes (B = 64,
// K = 16384 queue slots, D = 128): CMD's mutual distillation over 3 streams (6 directed pairs,
// top-k 8192) forward, and forward + gradient (one tf.customGrad, so no registered gradients are
// needed), next to the 3 streams' plain InfoNCE forward for scale, and ISC's inter-skeleton
// contrast forward. On the cpu backend and on stock wasm. Needs `npx tsc -b packages/contrastive`
// first. Prints a table and writes .bench-results/cross-stream-losses.json.
import { importBuilt, loadTfjs } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { printMarkdownTable } from './lib/table.mjs';
import { timeCase, timeCaseCells } from './lib/timing.mjs';

const { tf } = loadTfjs('contrastive');
const { CMD_DEFAULT_OPTIONS, crossModalDistillationLoss, infoNceLoss, interSkeletonContrastLoss } =
  await importBuilt('contrastive');
const { randomUnitVectors } = await importBuilt('hypersphere');
const { createRandom } = await importBuilt('random');

const B = 64;
const K = 16384;
const D = 128;
const STREAMS = 3;
const random = createRandom('bench-cross-stream-losses');
const matrices = Array.from({ length: STREAMS }, () => ({
  queries: randomUnitVectors(B, D, random),
  keys: randomUnitVectors(B, D, random),
  queue: randomUnitVectors(K, D, random),
}));

const rows = [];
let leaked = 0;
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  const tensor = (m) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.columns]);
  const streams = matrices.map((m) => ({
    queries: tensor(m.queries),
    keys: tensor(m.keys),
    queue: tensor(m.queue),
  }));
  const tensorsBefore = tf.memory().numTensors;
  rows.push(
    timeCase(`${backend}: 3 × InfoNCE forward`, 5, () =>
      tf.tidy(() => tf.addN(streams.map((s) => infoNceLoss(s.queries, s.keys, s.queue, 0.07))).dataSync()),
    ),
    timeCase(`${backend}: ISC (2 representations) forward`, 5, () =>
      tf.tidy(() => interSkeletonContrastLoss(streams[0], streams[1], 0.07).dataSync()),
    ),
    timeCase(`${backend}: CMD 3 streams, top-k ${CMD_DEFAULT_OPTIONS.topK}, forward`, 5, () =>
      tf.tidy(() => crossModalDistillationLoss(streams, CMD_DEFAULT_OPTIONS).dataSync()),
    ),
    timeCase(`${backend}: CMD 3 streams, top-k ${CMD_DEFAULT_OPTIONS.topK}, forward + gradient`, 5, () =>
      tf.tidy(() =>
        tf
          .grads((...queries) =>
            crossModalDistillationLoss(
              streams.map((s, i) => ({ ...s, queries: queries[i] })),
              CMD_DEFAULT_OPTIONS,
            ),
          )(streams.map((s) => s.queries))
          .map((gradient) => gradient.dataSync()),
      ),
    ),
  );
  leaked += tf.memory().numTensors - tensorsBefore;
  tf.dispose(streams.flatMap((s) => [s.queries, s.keys, s.queue]));
}

console.log(`@halp/contrastive cross-stream losses, B=${B} K=${K} D=${D}, ${STREAMS} streams`);
printMarkdownTable(rows.map(timeCaseCells));
console.log(`tensors leaked over all runs: ${leaked}`);

writeResults('cross-stream-losses', {
  sizes: { B, K, D, streams: STREAMS, topK: CMD_DEFAULT_OPTIONS.topK },
  rows,
  leakedTensors: leaked,
});
