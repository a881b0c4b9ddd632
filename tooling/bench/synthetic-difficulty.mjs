// How hard is the synthetic dataset? On its x-sub split: 1-NN accuracy of a randomly initialised
// BiGRU's features, and test accuracy of the same encoder trained with every label (supervised
// fine-tuning), both at the quick preset's encoder size. Self-supervised features are useful on this
// data only if the first is far below the second. Writes .bench-results/synthetic-difficulty.json.
//
// Run after `pnpm build`: node tooling/bench/synthetic-difficulty.mjs [epochs=40]

import { importBuilt, registerGradients } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';

await registerGradients();
const { selectBackend } = await importBuilt('backend', 'node/index.js');
const { disposeEncoder, initEncoder } = await importBuilt('encoders');
const { accuracy, extractFeatures, knnPredict, semiSupervised } = await importBuilt('evaluation');
const { findPreset } = await importBuilt('halp');
const { createRandom } = await importBuilt('random');
const { datasetLabels, generateSyntheticDataset, inMemoryDataset, kinect25, subsetDataset, syntheticSplit } =
  await importBuilt('skeleton');

const epochs = Number(process.argv[2] ?? 40);
await selectBackend({ preference: 'wasm' });
const preset = findPreset('quick');
const frames = preset.pretrain.frames;
const dataset = generateSyntheticDataset({ seed: 0 });
const split = syntheticSplit(dataset, 'xsub');
const all = inMemoryDataset(dataset);
const train = subsetDataset(all, split.train);
const test = subsetDataset(all, split.val);
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
      datasetLabels(train),
      await extractFeatures(model, test, input),
      1,
    ),
    datasetLabels(test),
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
