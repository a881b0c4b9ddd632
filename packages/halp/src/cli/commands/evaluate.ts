import { selectBackend } from '@halp/backend';
import '@halp/backend/register-gradients';
import { disposeEncoder, type Encoder } from '@halp/encoders';
import {
  accuracy,
  type ClassificationResult,
  extractFeatures,
  knnPredict,
  linearEvaluation,
  retrieval,
  saveFeatures,
  semiSupervised,
} from '@halp/evaluation';
import { createRandom } from '@halp/random';
import { kinect25, type Modality, modalities, type SkeletonDataset } from '@halp/skeleton';
import { flagOption, integerOption, type ParsedArguments, stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { CliOutput, Command } from '../command.js';
import { orCliError } from '../data-error.js';
import { formatTable } from '../format-table.js';
import { loadTrainingData } from '../load-data.js';
import { loadEncoderFolder } from '../load-encoder.js';

const COMMON_HELP = `--encoder <folder>   an encoder saved by 'halp pretrain' (model.json + weights.bin)
  --data synthetic|<folder>  the labelled clips: train_* to fit, val_* to score (default synthetic)
  --benchmark xsub|xview     split of the synthetic dataset (default xsub)
  --frames 64          frames of the centre crop fed to the encoder (use the pretraining value)
  --modality joint|motion|bone  the stream the encoder was pretrained on (default joint)
  --seed 0  --backend auto`;

interface EvaluationContext {
  readonly encoder: Encoder;
  readonly train: SkeletonDataset;
  readonly test: SkeletonDataset;
  readonly input: { readonly layout: typeof kinect25; readonly modality: Modality; readonly frames: number };
  readonly seed: number;
}

/** Shared set-up of the evaluation commands: backend, encoder, labelled splits. */
async function withContext(
  args: ParsedArguments,
  output: CliOutput,
  run: (context: EvaluationContext) => Promise<void>,
): Promise<void> {
  const encoderFolder = stringOption(args, 'encoder');
  if (encoderFolder === undefined) throw new CliError('--encoder <folder> is required');
  await selectBackend({
    preference: stringOption(args, 'backend', 'auto'),
    log: (line) => output.err(`${line}\n`),
  });
  const encoder = await loadEncoderFolder(encoderFolder);
  try {
    const data = await loadTrainingData(
      stringOption(args, 'data', 'synthetic'),
      stringOption(args, 'benchmark', 'xsub'),
    );
    if (data.heldOut === undefined) throw new CliError('the data has no val_* split to score on');
    output.err(`data: ${data.description}\n`);
    await run({
      encoder,
      train: data.train,
      test: data.heldOut,
      input: {
        layout: kinect25,
        modality: modalityOption(args),
        frames: integerOption(args, 'frames', 64, 1),
      },
      seed: integerOption(args, 'seed', 0),
    });
  } finally {
    disposeEncoder(encoder);
  }
}

function modalityOption(args: ParsedArguments): Modality {
  const value = stringOption(args, 'modality', 'joint');
  if (!(modalities as readonly string[]).includes(value)) {
    throw new CliError(`--modality: expected one of ${modalities.join(', ')}, got "${value}"`);
  }
  return value as Modality;
}

function labelsOf(dataset: SkeletonDataset): Int32Array {
  return Int32Array.from({ length: dataset.length }, (_, i) => dataset.label(i));
}

function printClassification(output: CliOutput, name: string, result: ClassificationResult): void {
  output.out(
    `${formatTable(['protocol', 'top-1 (%)', 'top-5 (%)'], [[name, round(result.top1), round(result.top5)]])}\n`,
  );
}

const round = (fraction: number) => Math.round(fraction * 1000) / 10;

const linearCommand: Command = {
  name: 'linear',
  summary: 'linear evaluation of a frozen encoder (top-1 / top-5)',
  help: `halp linear --encoder <folder> [--epochs 80] [--lr 30] [--augment] [options]

Trains a linear classifier on the frozen encoder's features (SGD momentum 0.9, lr ×0.1 at 5/8 and 7/8
of the epochs, as the references' 80 epochs with drops at 50 and 70) and scores the val split.
--augment re-crops every training clip every epoch, as the references do (slower).
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ encoder, train, test, input, seed }) => {
      const epochs = integerOption(args, 'epochs', 80, 1);
      const learningRate = Number(stringOption(args, 'lr', '30'));
      if (!(learningRate > 0))
        throw new CliError(`--lr: expected a positive number, got ${stringOption(args, 'lr')}`);
      const result = await linearEvaluation(encoder, train, test, {
        ...input,
        random: createRandom(seed),
        epochs,
        learningRate,
        milestones: [Math.round((epochs * 5) / 8), Math.round((epochs * 7) / 8)],
        augment: flagOption(args, 'augment'),
        onEpoch: ({ epoch, loss }) => output.err(`epoch ${epoch + 1}/${epochs}: loss ${loss.toFixed(4)}\n`),
      });
      printClassification(output, 'linear', result);
    }),
};

const transferCommand: Command = {
  ...linearCommand,
  name: 'transfer',
  summary: 'transfer: linear evaluation on dataset B of an encoder pretrained on dataset A',
  help: `halp transfer --encoder <pretrained on A> --data <processed folder of B> [linear options]

The paper's transfer protocol (e.g. NTU-60 → PKU-MMD II): the encoder stays frozen and a linear
classifier is trained and scored on B. Both datasets must use the same skeleton layout.
  ${COMMON_HELP}`,
};

const knnCommand: Command = {
  name: 'knn',
  summary: 'k-nearest-neighbour accuracy of a frozen encoder’s features (cosine)',
  help: `halp knn --encoder <folder> [--k 1] [--save-features <prefix>] [options]

1-NN (or k-NN, majority vote, ties to the smallest label) by cosine similarity of the features of
the val split against the train split, as scikit-learn's KNeighborsClassifier(metric='cosine').
--save-features writes <prefix>_train.npy and <prefix>_val.npy (float32) for other tools.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ encoder, train, test, input }) => {
      const k = integerOption(args, 'k', 1, 1);
      const trainFeatures = await extractFeatures(encoder, train, input);
      const testFeatures = await extractFeatures(encoder, test, input);
      const prefix = stringOption(args, 'save-features');
      if (prefix !== undefined) {
        orCliError(await saveFeatures(`${prefix}_train.npy`, trainFeatures)());
        orCliError(await saveFeatures(`${prefix}_val.npy`, testFeatures)());
      }
      const predictions = knnPredict(trainFeatures, labelsOf(train), testFeatures, k);
      output.out(
        `${formatTable(['protocol', 'top-1 (%)'], [[`${k}-NN`, round(accuracy(predictions, labelsOf(test)))]])}\n`,
      );
    }),
};

const retrievalCommand: Command = {
  name: 'retrieval',
  summary: 'nearest-neighbour retrieval top-1 / top-5 of a frozen encoder',
  help: `halp retrieval --encoder <folder> [options]

For every val clip, its nearest train clips by cosine similarity: top-k counts a hit when any of the
k nearest has the query's label.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ encoder, train, test, input }) => {
      const result = await retrieval(
        await extractFeatures(encoder, train, input),
        labelsOf(train),
        await extractFeatures(encoder, test, input),
        labelsOf(test),
      );
      output.out(
        `${formatTable(['protocol', 'top-1 (%)', 'top-5 (%)'], [['retrieval', round(result.top1), round(result.top5)]])}\n`,
      );
    }),
};

const semiCommand: Command = {
  name: 'semi',
  summary: 'semi-supervised evaluation: fine-tune with a class-balanced fraction of the labels',
  help: `halp semi --encoder <folder> [--fraction 0.1] [--epochs 80] [--lr 0.1] [options]

Fine-tunes a copy of the encoder with a linear classifier on a class-balanced, seeded fraction of the
training labels (1 % and 10 % in the papers) and scores the val split.
  ${COMMON_HELP}`,
  run: (args, output) =>
    withContext(args, output, async ({ encoder, train, test, input, seed }) => {
      const fraction = Number(stringOption(args, 'fraction', '0.1'));
      if (!(fraction > 0 && fraction <= 1))
        throw new CliError(`--fraction: expected a number in (0, 1], got ${stringOption(args, 'fraction')}`);
      const epochs = integerOption(args, 'epochs', 80, 1);
      const result = await semiSupervised(encoder, train, test, {
        ...input,
        random: createRandom(seed),
        fraction,
        epochs,
        learningRate: Number(stringOption(args, 'lr', '0.1')),
        milestones: [Math.round((epochs * 5) / 8), Math.round((epochs * 7) / 8)],
        onEpoch: ({ epoch, loss }) => output.err(`epoch ${epoch + 1}/${epochs}: loss ${loss.toFixed(4)}\n`),
      });
      printClassification(output, `semi ${Math.round(fraction * 100)}%`, result);
    }),
};

export const evaluationCommands: readonly Command[] = [
  linearCommand,
  knnCommand,
  semiCommand,
  retrievalCommand,
  transferCommand,
];
