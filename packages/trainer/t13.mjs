import { selectBackend } from '@halp/backend';
import { generateSyntheticDataset, inMemoryDataset, kinect25 } from '@halp/skeleton';
import { DEFAULT_PRETRAIN_CONFIG, pretrain } from '@halp/trainer';

const dataset = inMemoryDataset(
  generateSyntheticDataset({
    seed: 5,
    performers: 2,
    cameras: 2,
    replications: 1,
    minFrames: 40,
    maxFrames: 64,
    storedFrames: 64,
  }),
);
const backend = process.argv[2];
await selectBackend({ preference: backend });
const config = {
  ...DEFAULT_PRETRAIN_CONFIG,
  encoder: {
    ...DEFAULT_PRETRAIN_CONFIG.encoder,
    hiddenSize: 16,
    numLayers: Number(process.argv[3] ?? 1),
    embeddingSize: 16,
    head: 'linear',
  },
  frames: Number(process.argv[4] ?? 16),
  batchSize: 8,
  queueSize: 32,
  keyMomentum: 0.9,
  optimizer: { ...DEFAULT_PRETRAIN_CONFIG.optimizer, learningRate: 0.05, milestones: [] },
  epochs: 1,
  method: 'moco',
  methodOptions: {},
  backend,
};
let t = performance.now();
const r = await pretrain(config, {
  dataset,
  layout: kinect25,
  onProgress: (p) => {
    const n = performance.now();
    console.log(p.step, p.loss, ((n - t) / 1000).toFixed(2));
    t = n;
  },
});
