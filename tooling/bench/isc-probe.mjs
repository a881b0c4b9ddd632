// Short pretraining runs over ISC's two representations with any set of contrast pairs, to see which
// terms move and which stream learns: per epoch, the mean of every InfoNCE term and the kNN monitor
// of each stream. On the quick preset's synthetic x-sub data and sizes (BiGRU + 3-block ST-GCN).
//
//   npx -y pnpm@10 build && node tooling/bench/isc-probe.mjs --pairs '0>1,1>0' --epochs 12
//
// Flags: --pairs (query>keys, streams 0 and 1 of --pair; default the cross pairs '0>1,1>0'; '0>0,1>1'
//        is intra-skeleton MoCo on each, all four is both)  --pair sequence+graph  --epochs 12
//        --knn-every 2  --seed 0  --threads 1  and, over the preset's: --lr  --momentum  --temperature
// Prints one line per epoch and writes .bench-results/isc-probe-<pairs>.json.
//
// What it showed (README, "ISC and CMD rows"): from random encoders neither the cross pairs, nor all
// four, nor key momentum 0.999, nor lr 0.01 with τ 0.2 lifts the BiGRU stream's kNN above ~28 % in
// 12 epochs, while the ST-GCN stream reaches 42–45 % in 1–4 epochs and then declines.
import { list, option } from './lib/arguments.mjs';
import { importBuilt, registerGradients } from './lib/packages.mjs';
import { writeResults } from './lib/results.mjs';

await registerGradients();
const { selectBackend } = await importBuilt('backend', 'node/index.js');
const { builtInMethods, infoNceLoss, iscMethod, pairwiseContrastMethod } = await importBuilt('contrastive');
const { generateSyntheticDataset, inMemoryDataset, kinect25, subsetDataset, syntheticSplit } =
  await importBuilt('skeleton');
const { disposeTrainingState, memoryMetricsSink, parsePretrainConfig, streamsKnnMonitor } =
  await importBuilt('trainer');
const { pretrain } = await importBuilt('trainer', 'node/index.js');
const { findPreset } = await importBuilt('halp');

const pairs = list('pairs', '0>1,1>0').map((pair) => {
  const [query, keys] = pair.split('>').map(Number);
  if (![query, keys].every((stream) => stream === 0 || stream === 1)) {
    throw new RangeError(`--pairs: expected query>keys with streams 0 and 1, got "${pair}"`);
  }
  return { query, keys };
});
await selectBackend({ preference: 'wasm', threads: Number(option('threads', '1')) });

// ISC's streams, with one InfoNCE term per pair named query>keys (several pairs may share a query,
// which pairwiseContrastMethod's own term names do not allow).
const probeMethod = {
  ...iscMethod,
  name: 'isc-probe',
  create: (context) => ({
    ...pairwiseContrastMethod('isc-probe', [], context),
    lossTerms: (queries, step) =>
      Object.fromEntries(
        pairs.map(({ query, keys }) => [
          `contrastive/${query}>${keys}`,
          infoNceLoss(
            queries[query],
            step.streams[keys].keys,
            step.streams[keys].queue.keys,
            context.temperature,
          ),
        ]),
      ),
  }),
};
const methods = builtInMethods.with(probeMethod);

const preset = findPreset('quick');
const dataset = generateSyntheticDataset({ seed: 0 });
const split = syntheticSplit(dataset, preset.data.benchmark);
const all = inMemoryDataset(dataset);
const train = subsetDataset(all, split.train);
const heldOut = subsetDataset(all, split.val);
const overrides = {
  ...(option('lr')
    ? { optimizer: { ...preset.pretrain.optimizer, learningRate: Number(option('lr')) } }
    : {}),
  ...(option('momentum') ? { keyMomentum: Number(option('momentum')) } : {}),
  ...(option('temperature') ? { temperature: Number(option('temperature')) } : {}),
};
const parsed = parsePretrainConfig(
  {
    ...preset.pretrain,
    ...overrides,
    seed: Number(option('seed', '0')),
    method: 'isc-probe',
    methodOptions: { pair: option('pair', 'sequence+graph') },
    epochs: Number(option('epochs', '12')),
    knnEvery: Number(option('knn-every', '2')),
  },
  methods,
);
if (parsed._tag === 'Left') throw new Error(JSON.stringify(parsed.left));
const config = parsed.right;

const metrics = memoryMetricsSink();
const started = performance.now();
const result = await pretrain(config, {
  dataset: train,
  layout: kinect25,
  methods,
  metrics,
  monitor: streamsKnnMonitor(train, heldOut, { layout: kinect25, frames: config.frames }),
});
const seconds = (performance.now() - started) / 1000;
disposeTrainingState(result.state);

const epochs = [];
for (let epoch = 0; epoch < config.epochs; epoch += 1) {
  const steps = metrics.records.filter((record) => record.type === 'step' && record.epoch === epoch);
  const terms = {};
  for (const key of Object.keys(steps[0] ?? {}).filter((name) => name.startsWith('loss/contrastive'))) {
    terms[key.replace('loss/', '')] = steps.reduce((sum, record) => sum + record[key], 0) / steps.length;
  }
  const summary = metrics.records.find((record) => record.type === 'epoch' && record.epoch === epoch) ?? {};
  const knn = Object.fromEntries(Object.entries(summary).filter(([key]) => key.startsWith('knn')));
  epochs.push({ epoch: epoch + 1, terms, knn });
  const cells = [
    ...Object.entries(terms).map(([name, value]) => `${name} ${value.toFixed(3)}`),
    ...Object.entries(knn).map(([name, value]) => `${name} ${(100 * value).toFixed(1)} %`),
  ];
  console.log(`epoch ${epoch + 1}: ${cells.join('  ')}`);
}
console.log(`${seconds.toFixed(0)} s`);
const name = `isc-probe-${pairs.map(({ query, keys }) => `${query}-${keys}`).join('_')}`;
writeResults(name, { date: new Date().toISOString(), pairs, overrides, config, seconds, epochs });
