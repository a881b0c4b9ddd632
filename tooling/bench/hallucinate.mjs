// Benchmark of @halp/hallucinate at the trainer's sizes (B = 64 anchors, P = 20 prototypes, G = 100
// positives, D = 128): the batched tfjs form (hallucinateTensor + halpLossTensor) on the cpu and the
// stock wasm backend, and the plain-array form. (The loss gradient is one [B,G,D]×[B,D,1] matMul; tfjs-core's Node bundle
// registers no gradients, so it is not timed here.) Needs `npx tsc -b packages/hallucinate` first.
// Prints a table and writes .bench-results/hallucinate.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const packageRequire = createRequire(new URL('packages/hallucinate/package.json', root));
const load = (name) => import(pathToFileURL(packageRequire.resolve(name)).href);

const tf = await load('@tensorflow/tfjs-core');
await load('@tensorflow/tfjs-backend-cpu');
const { hallucinate, halpLoss } = await import(new URL('packages/hallucinate/dist/index.js', root).href);
const { hallucinateTensor, halpLossTensor } = await import(
  new URL('packages/hallucinate/dist/tensor/index.js', root).href
);
const { randomUnitVectors } = await import(new URL('packages/hypersphere/dist/index.js', root).href);
const { createRandom } = await import(new URL('packages/random/dist/index.js', root).href);

const backendRequire = createRequire(new URL('packages/backend/package.json', root));
await import(pathToFileURL(backendRequire.resolve('@tensorflow/tfjs-backend-wasm')).href);

const B = 64;
const P = 20;
const G = 100;
const D = 128;
const options = { numPositives: G, numClosest: 20, skipClosest: 1, lambda: 0.8 };
const random = createRandom('bench-hallucinate');
const keys = randomUnitVectors(B, D, random);
const queries = randomUnitVectors(B, D, random);
const prototypes = randomUnitVectors(P, D, random);

function time(label, repeats, run) {
  run(); // warm-up
  const samples = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { label, repeats, medianMs: samples[Math.floor(repeats / 2)], minMs: samples[0] };
}

const rows = [
  time('array: hallucinate', 10, () => hallucinate(keys, prototypes, options, random)),
  time('array: hallucinate + halpLoss', 10, () => {
    const result = hallucinate(keys, prototypes, options, random);
    halpLoss(queries, result.positives, result.keep, 0.07);
  }),
];
let leaked = 0;
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  const keyTensor = tf.tensor2d(Float32Array.from(keys.data), [B, D]);
  const queryTensor = tf.tensor2d(Float32Array.from(queries.data), [B, D]);
  const prototypeTensor = tf.tensor2d(Float32Array.from(prototypes.data), [P, D]);
  const tensorsBefore = tf.memory().numTensors;
  rows.push(
    time(`${backend}: hallucinateTensor (Random draws)`, 10, () => {
      const result = hallucinateTensor(keyTensor, prototypeTensor, options, random);
      result.keptCount.dataSync();
      tf.dispose(result);
    }),
    time(`${backend}: hallucinateTensor + halpLossTensor`, 10, () => {
      const result = hallucinateTensor(keyTensor, prototypeTensor, options, random);
      const loss = halpLossTensor(queryTensor, result.positives, result.keep, 0.07);
      loss.dataSync();
      tf.dispose([result, loss]);
    }),
  );
  leaked += tf.memory().numTensors - tensorsBefore;
  tf.dispose([keyTensor, queryTensor, prototypeTensor]);
}

console.log(`@halp/hallucinate, B=${B} P=${P} G=${G} D=${D}`);
console.log('| case | median ms | min ms | runs |');
console.log('|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.label} | ${row.medianMs.toFixed(1)} | ${row.minMs.toFixed(1)} | ${row.repeats} |`);
}
console.log(`tensors leaked over all runs: ${leaked}`);

mkdirSync(new URL('.bench-results/', root), { recursive: true });
writeFileSync(
  new URL('.bench-results/hallucinate.json', root),
  `${JSON.stringify({ sizes: { B, P, G, D }, rows, leakedTensors: leaked }, null, 2)}\n`,
);
