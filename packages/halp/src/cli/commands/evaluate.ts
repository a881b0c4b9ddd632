import { selectBackend } from '@halp/backend/node';
import '@halp/backend/register-gradients';
import { disposeEncoder, type Encoder } from '@halp/encoders';
import {
  accuracy,
  type EncoderStream,
  ensembleFeatures,
  extractFeatures,
  knnPredict,
  linearEvaluationEnsemble,
  retrieval,
  semiSupervisedEnsemble,
} from '@halp/evaluation';
import { saveFeatures } from '@halp/evaluation/node';
import type { Matrix } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import {
  datasetLabels,
  firstNonFinite,
  kinect25,
  type Modality,
  modalities,
  type SkeletonDataset,
} from '@halp/skeleton';
import { flagOption, integerOption, type ParsedArguments, stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { CliOutput, Command } from '../command.js';
import { orCliError } from '../data-error.js';
import { formatTable } from '../format-table.js';
import { loadTrainingData } from '../load-data.js';
import { loadEncoderFolder } from '../load-encoder.js';

const COMMON_HELP = `--encoder <folder>   an encoder saved by 'halp pretrain' (model.json + weights.bin); several,
                       comma-separated, are evaluated alone and as an ensemble (CMD: the streams'
                       classifier logits averaged; kNN and retrieval on their averaged features)
  --data synthetic|<folder>  the labelled clips: train_* to fit, val_* to score (default synthetic)
  --benchmark xsub|xview     split of the synthetic dataset (default xsub)
  --frames 64          frames of the centre crop fed to the encoder (use the pretraining value)
  --modality joint|motion|bone  the stream each encoder was pretrained on (default joint; one, or
                       one per encoder, e.g. joint,motion,bone)
  --seed 0  --backend auto  --threads 1 (XNNPACK threads of the WASM backend)`;

/** The options every evaluation command takes (see {@link COMMON_HELP}). */
const COMMON_OPTIONS = {
  encoder: 'string',
  data: 'string',
  benchmark: 'string',
  frames: 'string',
  modality: 'string',
  seed: 'string',
  backend: 'string',
  threads: 'string',
} as const;

interface EvaluationContext {
  /** The encoders to evaluate, each with the modality it reads. */
  readonly streams: readonly EncoderStream[];
  /** Row names: the encoder folders, then `ensemble` when there are several. */
  readonly names: readonly string[];
  readonly train: SkeletonDataset;
  readonly test: SkeletonDataset;
  readonly input: { readonly layout: typeof kinect25; readonly frames: number };
  readonly seed: number;
}

/** Shared set-up of the evaluation commands: backend, encoders, labelled splits. */
async function withContext(
  args: ParsedArguments,
  output: CliOutput,
  run: (context: EvaluationContext) => Promise<void>,
): Promise<void> {
  const folders = stringOption(args, 'encoder')
    ?.split(',')
    .map((folder) => folder.trim())
    .filter((folder) => folder !== '');
  if (folders === undefined || folders.length === 0) throw new CliError('--encoder <folder> is required');
  const modalities = modalityOption(args, folders.length);
  await selectBackend({
    preference: stringOption(args, 'backend', 'auto'),
    threads: integerOption(args, 'threads', 1, 1),
    log: (line) => output.err(`${line}\n`),
  });
  const encoders: Encoder[] = [];
  try {
    for (const [i, folder] of folders.entries())
      encoders.push(await loadEncoderFolder(folder, modalities[i]));
    const data = await loadTrainingData(
      stringOption(args, 'data', 'synthetic'),
      stringOption(args, 'benchmark', 'xsub'),
    );
    if (data.heldOut === undefined) throw new CliError('the data has no val_* split to score on');
    output.err(`data: ${data.description}\n`);
    await run({
      streams: encoders.map((encoder, i) => ({ encoder, modality: modalities[i]! })),
      names: folders.length === 1 ? folders : [...folders, 'ensemble'],
      train: data.train,
      test: data.heldOut,
      input: { layout: kinect25, frames: integerOption(args, 'frames', 64, 1) },
      seed: integerOption(args, 'seed', 0),
    });
  } finally {
    for (const encoder of encoders) disposeEncoder(encoder);
  }
}

/** One modality for every encoder, or one per encoder. */
function modalityOption(args: ParsedArguments, encoders: number): Modality[] {
  const value = stringOption(args, 'modality', 'joint');
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(modalities as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new CliError(`--modality: expected one of ${modalities.join(', ')}, got "${unknown}"`);
  }
  if (names.length !== 1 && names.length !== encoders) {
    throw new CliError(
      `--modality: expected 1 or ${encoders} modalities (one per encoder), got ${names.length}`,
    );
  }
  return Array.from({ length: encoders }, (_, i) => names[names.length === 1 ? 0 : i] as Modality);
}

/** Every stream's features of a split, and their mean (CMD's ensemble) when there are several. */
async function featuresOf(
  { streams, input, names }: EvaluationContext,
  dataset: SkeletonDataset,
): Promise<Matrix[]> {
  const features: Matrix[] = [];
  for (const [i, { encoder, modality }] of streams.entries()) {
    const extracted = await extractFeatures(encoder, dataset, { ...input, modality });
    const bad = firstNonFinite(extracted.data);
    if (bad >= 0) {
      // The clips were checked as they were read: the encoder's weights are what is broken.
      const sample = Math.floor(bad / extracted.columns);
      throw new CliError(
        `the features of sample ${sample} (${dataset.name(sample)}) from encoder ${names[i]} are not finite ` +
          `(${extracted.data[bad]}): its weights hold NaN or Infinity`,
      );
    }
    features.push(extracted);
  }
  if (features.length === 1) return features;
  const widths = new Set(features.map((matrix) => matrix.columns));
  if (widths.size > 1) {
    throw new CliError(
      `an ensemble averages features, so its encoders need features of one width (CMD's streams); these have ${[...widths].join(', ')}`,
    );
  }
  return [...features, ensembleFeatures(features)];
}

/** One row per stream (named after its folder), and the ensemble's when there are several. */
function printClassification(
  output: CliOutput,
  protocol: string,
  names: readonly string[],
  results: readonly { readonly top1: number; readonly top5: number }[],
): void {
  const header = names.length === 1 ? ['protocol'] : ['protocol', 'encoder'];
  const rows = results.map((result, i) => [
    protocol,
    ...(names.length === 1 ? [] : [names[i]!]),
    round(result.top1),
    round(result.top5),
  ]);
  output.out(`${formatTable([...header, 'top-1 (%)', 'top-5 (%)'], rows)}\n`);
}

/** The results of an ensemble protocol in the order of the names: every stream, then the ensemble. */
function inOrder<Result>(result: { streams: readonly Result[]; ensemble: Result }, names: readonly string[]) {
  return names.length === 1 ? result.streams : [...result.streams, result.ensemble];
}

const round = (fraction: number) => Math.round(fraction * 1000) / 10;

const linearCommand: Command = {
  name: 'linear',
  options: { ...COMMON_OPTIONS, epochs: 'string', lr: 'string', augment: 'boolean' },
  summary: 'linear evaluation of a frozen encoder (top-1 / top-5)',
  help: `halp linear --encoder <folder> [--epochs 80] [--lr 30] [--augment] [options]

Trains a linear classifier on the frozen encoder's features (SGD momentum 0.9, lr ×0.1 at 5/8 and 7/8
of the epochs, as the references' 80 epochs with drops at 50 and 70) and scores the val split.
--augment re-crops every training clip every epoch, as the references do (slower).
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ streams, names, train, test, input, seed }) => {
      const epochs = integerOption(args, 'epochs', 80, 1);
      const learningRate = Number(stringOption(args, 'lr', '30'));
      if (!(learningRate > 0))
        throw new CliError(`--lr: expected a positive number, got ${stringOption(args, 'lr')}`);
      const result = await linearEvaluationEnsemble(streams, train, test, {
        ...input,
        random: createRandom(seed),
        epochs,
        learningRate,
        milestones: [Math.round((epochs * 5) / 8), Math.round((epochs * 7) / 8)],
        augment: flagOption(args, 'augment'),
        onEpoch: ({ epoch, loss }) => output.err(`epoch ${epoch + 1}/${epochs}: loss ${loss.toFixed(4)}\n`),
      });
      printClassification(output, 'linear', names, inOrder(result, names));
    }),
};

const transferCommand: Command = {
  ...linearCommand,
  name: 'transfer',
  summary: 'transfer: linear evaluation on dataset B of an encoder pretrained on dataset A',
  help: `halp transfer --encoder <pretrained on A> --data <processed folder of B> [--epochs 80] [--lr 30] [--augment]

The paper's transfer protocol (e.g. NTU-60 → PKU-MMD II): the encoder stays frozen and a linear
classifier is trained and scored on B. Both datasets must use the same skeleton layout.
  ${COMMON_HELP}`,
};

const knnCommand: Command = {
  name: 'knn',
  options: { ...COMMON_OPTIONS, k: 'string', 'save-features': 'string' },
  summary: 'k-nearest-neighbour accuracy of a frozen encoder’s features (cosine)',
  help: `halp knn --encoder <folder> [--k 1] [--save-features <prefix>] [options]

1-NN (or k-NN, majority vote, ties to the smallest label) by cosine similarity of the features of
the val split against the train split, as scikit-learn's KNeighborsClassifier(metric='cosine').
--save-features writes <prefix>_train.npy and <prefix>_val.npy (float32) for other tools.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async (context) => {
      const { names, train, test } = context;
      const k = integerOption(args, 'k', 1, 1);
      const trainFeatures = await featuresOf(context, train);
      const testFeatures = await featuresOf(context, test);
      const prefix = stringOption(args, 'save-features');
      if (prefix !== undefined) {
        // The single encoder's features, or the ensemble's (their mean).
        orCliError(await saveFeatures(`${prefix}_train.npy`, trainFeatures.at(-1)!)());
        orCliError(await saveFeatures(`${prefix}_val.npy`, testFeatures.at(-1)!)());
      }
      const rows = names.map((name, i) => {
        const predictions = knnPredict(trainFeatures[i]!, datasetLabels(train), testFeatures[i]!, k);
        const top1 = round(accuracy(predictions, datasetLabels(test)));
        return names.length === 1 ? [`${k}-NN`, top1] : [`${k}-NN`, name, top1];
      });
      const header = names.length === 1 ? ['protocol', 'top-1 (%)'] : ['protocol', 'encoder', 'top-1 (%)'];
      output.out(`${formatTable(header, rows)}\n`);
    }),
};

const retrievalCommand: Command = {
  name: 'retrieval',
  options: { ...COMMON_OPTIONS },
  summary: 'nearest-neighbour retrieval top-1 / top-5 of a frozen encoder',
  help: `halp retrieval --encoder <folder> [options]

For every val clip, its nearest train clips by cosine similarity: top-k counts a hit when any of the
k nearest has the query's label.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async (context) => {
      const { names, train, test } = context;
      const trainFeatures = await featuresOf(context, train);
      const testFeatures = await featuresOf(context, test);
      const results = [];
      for (const [i, features] of trainFeatures.entries()) {
        results.push(await retrieval(features, datasetLabels(train), testFeatures[i]!, datasetLabels(test)));
      }
      printClassification(output, 'retrieval', names, results);
    }),
};

const semiCommand: Command = {
  name: 'semi',
  options: { ...COMMON_OPTIONS, fraction: 'string', epochs: 'string', lr: 'string' },
  summary: 'semi-supervised evaluation: fine-tune with a class-balanced fraction of the labels',
  help: `halp semi --encoder <folder> [--fraction 0.1] [--epochs 80] [--lr 0.1] [options]

Fine-tunes a copy of the encoder with a linear classifier on a class-balanced, seeded fraction of the
training labels (1 % and 10 % in the papers) and scores the val split.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ streams, names, train, test, input, seed }) => {
      const fraction = Number(stringOption(args, 'fraction', '0.1'));
      if (!(fraction > 0 && fraction <= 1))
        throw new CliError(`--fraction: expected a number in (0, 1], got ${stringOption(args, 'fraction')}`);
      const epochs = integerOption(args, 'epochs', 80, 1);
      const result = await semiSupervisedEnsemble(streams, train, test, {
        ...input,
        random: createRandom(seed),
        fraction,
        epochs,
        learningRate: Number(stringOption(args, 'lr', '0.1')),
        milestones: [Math.round((epochs * 5) / 8), Math.round((epochs * 7) / 8)],
        onEpoch: ({ epoch, loss }) => output.err(`epoch ${epoch + 1}/${epochs}: loss ${loss.toFixed(4)}\n`),
      });
      printClassification(output, `semi ${Math.round(fraction * 100)}%`, names, inOrder(result, names));
    }),
};

export const evaluationCommands: readonly Command[] = [
  linearCommand,
  knnCommand,
  semiCommand,
  retrievalCommand,
  transferCommand,
];
