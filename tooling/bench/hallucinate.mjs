// Benchmark of @halp/hallucinate at the trainer's sizes (B = 64 anchors, P = 20 prototypes, G = 100
// positives, D = 128): the batched tfjs form (hallucinateTensor + halpLossTensor) on the cpu and the
// stock wasm backend, and the plain-array form. (The loss gradient is one [B,G,D]×[B,D,1] matMul; tfjs-core's Node bundle
// registers no gradients, so it is not timed here.) Needs `npx tsc -b packages/hallucinate` first.
// Prints a table and writes .bench-results/hallucinate.json.
import { importBuilt, loadTfjs } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';
import { printMarkdownTable } from './lib/table.mjs';
import { timeCase, timeCaseCells } from './lib/timing.mjs';

const { tf } = loadTfjs('hallucinate');
const { hallucinate, halpLoss } = await importBuilt('hallucinate');
const { hallucinateTensor, halpLossTensor } = await importBuilt('hallucinate', 'tensor/index.js');
const { randomUnitVectors } = await importBuilt('hypersphere');
const { createRandom } = await importBuilt('random');

const B = 64;
const P = 20;
const G = 100;
const D = 128;
const options = { numPositives: G, numClosest: 20, skipClosest: 1, lambda: 0.8 };
const random = createRandom('bench-hallucinate');
const keys = randomUnitVectors(B, D, random);
const queries = randomUnitVectors(B, D, random);
const prototypes = randomUnitVectors(P, D, random);

const rows = [
  timeCase('array: hallucinate', 10, () => hallucinate(keys, prototypes, options, random)),
  timeCase('array: hallucinate + halpLoss', 10, () => {
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
    timeCase(`${backend}: hallucinateTensor (Random draws)`, 10, () => {
      const result = hallucinateTensor(keyTensor, prototypeTensor, options, random);
      result.keptCount.dataSync();
      tf.dispose(result);
    }),
    timeCase(`${backend}: hallucinateTensor + halpLossTensor`, 10, () => {
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
printMarkdownTable(rows.map(timeCaseCells));
console.log(`tensors leaked over all runs: ${leaked}`);

writeResults('hallucinate', { sizes: { B, P, G, D }, rows, leakedTensors: leaked });
