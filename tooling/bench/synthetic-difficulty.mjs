// How hard is the synthetic dataset? On its x-sub split: 1-NN accuracy of a randomly initialised
// BiGRU's features, and test accuracy of the same encoder trained with every label (supervised
// fine-tuning), both at the quick preset's encoder size. Self-supervised features are useful on this
// data only if the first is far below the second. Writes .bench-results/synthetic-difficulty.json.
//
// Run after `pnpm build`: node tooling/bench/synthetic-difficulty.mjs [epochs=40]
import '../../packages/backend/dist/register-gradients.js';
import { selectBackend } from '../../packages/backend/dist/node/index.js';
import { disposeEncoder, initEncoder } from '../../packages/encoders/dist/index.js';
import {
  accuracy,
  extractFeatures,
  knnPredict,
  semiSupervised,
} from '../../packages/evaluation/dist/index.js';
import { findPreset } from '../../packages/halp/dist/bench/presets.js';
import { createRandom } from '../../packages/random/dist/index.js';
import {
  generateSyntheticDataset,
  inMemoryDataset,
  kinect25,
  subsetDataset,
  syntheticSplit,
} from '../../packages/skeleton/dist/index.js';
import { writeResults } from './lib/results.mjs';

const epochs = Number(process.argv[2] ?? 40);
await selectBackend({ preference: 'wasm' });
const preset = findPreset('quick');
const frames = preset.pretrain.frames;
const dataset = generateSyntheticDataset({ seed: 0 });
const split = syntheticSplit(dataset, 'xsub');
const all = inMemoryDataset(dataset);
const train = subsetDataset(all, split.train);
const test = subsetDataset(all, split.val);
const labels = (set) => Int32Array.from({ length: set.length }, (_, i) => set.label(i));
const input = { layout: kinect25, modality: 'joint', frames };

const encoder = initEncoder(
  {
    inputSize: 150,
    hiddenSize: 128,
    numLayers: 1,
    head: 'mlp',
    embeddingSize: 64,
    stepping: 'bidirectional',
    batchNorm: true,
  },
  createRandom(0),
);
const knn = async (model) =>
  accuracy(
    knnPredict(
      await extractFeatures(model, train, input),
      labels(train),
      await extractFeatures(model, test, input),
      1,
    ),
    labels(test),
  );
const randomKnn = await knn(encoder);
const started = performance.now();
const supervised = await semiSupervised(encoder, train, test, {
  ...input,
  random: createRandom(1),
  fraction: 1,
  epochs,
  batchSize: 32,
  learningRate: 0.05,
  milestones: [Math.round(epochs * 0.7)],
});
const result = {
  classes: dataset.classNames.length,
  train: train.length,
  test: test.length,
  chance: 1 / dataset.classNames.length,
  randomEncoderKnn1: randomKnn,
  supervisedTop1: supervised.top1,
  supervisedEpochs: epochs,
  supervisedSeconds: (performance.now() - started) / 1000,
};
disposeEncoder(encoder);
console.table(result);
writeResults('synthetic-difficulty', result);
