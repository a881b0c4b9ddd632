import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ndArray } from '@halp/skeleton';
import { readLabelPickle, readNpy, writeLabelPickle, writeNpy } from '@halp/skeleton/node';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands/index.js';
import { runCli } from '../src/cli/main.js';
import { captureOutput } from './capture-output.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-e2e-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the halp command line, end to end', () => {
  it('writes the synthetic dataset, pretrains HaLP on it from the files, and evaluates the saved encoder', async () => {
    const data = join(scratch, 'synthetic');
    const synth = captureOutput();
    expect(
      await runCli(
        ['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1'],
        commands,
        synth,
      ),
    ).toBe(0);
    expect(synth.stdout).toMatch(/wrote 72 clips of 18 classes/);

    const run = join(scratch, 'run');
    const pretrain = captureOutput();
    const code = await runCli(
      [
        'pretrain',
        '--data',
        join(data, 'xsub'),
        '--out',
        run,
        '--backend',
        'wasm',
        '--method',
        'halp',
        '--epochs',
        '2',
        '--batchSize',
        '8',
        '--queueSize',
        '32',
        '--frames',
        '16',
        '--knnEvery',
        '1',
        '--encoder.hiddenSize',
        '16',
        '--encoder.numLayers',
        '1',
        '--encoder.embeddingSize',
        '16',
        '--methodOptions.warmupKeys',
        '8',
        '--methodOptions.numPrototypes',
        '4',
        '--methodOptions.keysForPrototypes',
        '16',
        '--methodOptions.numClosest',
        '3',
        '--methodOptions.numPositives',
        '5',
      ],
      commands,
      pretrain,
    );
    expect(pretrain.stderr).not.toMatch(/halp pretrain:/);
    expect(code).toBe(0);
    expect(pretrain.stdout).toMatch(/pretrained halp for 2 epochs/);
    for (const file of [
      'encoder/model.json',
      'encoder/weights.bin',
      'checkpoints/latest/checkpoint.json',
      'metrics.jsonl',
    ]) {
      expect(existsSync(join(run, file)), file).toBe(true);
    }
    const records = (await readFile(join(run, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.some((record) => record.type === 'step' && typeof record['loss/halp'] === 'number')).toBe(
      true,
    );
    expect(
      records
        .filter((record) => record.type === 'epoch')
        .every((record) => record.knn1 >= 0 && record.knn1 <= 1),
    ).toBe(true);

    const knn = captureOutput();
    expect(
      await runCli(
        [
          'knn',
          '--encoder',
          join(run, 'encoder'),
          '--data',
          join(data, 'xsub'),
          '--frames',
          '16',
          '--backend',
          'wasm',
        ],
        commands,
        knn,
      ),
    ).toBe(0);
    const accuracy = Number(knn.stdout.match(/1-NN\s+([\d.]+)/)?.[1]);
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(100);

    // CMD: one encoder per modality stream, evaluated alone and as an ensemble.
    const cmdRun = join(scratch, 'cmd');
    const tiny = ['--epochs', '1', '--batchSize', '8', '--queueSize', '32', '--frames', '16'];
    const encoderSizes = [
      '--encoder.hiddenSize',
      '16',
      '--encoder.numLayers',
      '1',
      '--encoder.embeddingSize',
      '16',
    ];
    const cmd = captureOutput();
    const cmdArguments = ['pretrain', '--data', join(data, 'xsub'), '--out', cmdRun, '--backend', 'wasm'];
    const cmdOptions = ['--method', 'cmd', '--methodOptions.topK', '8', ...tiny, ...encoderSizes];
    expect(await runCli([...cmdArguments, ...cmdOptions], commands, cmd)).toBe(0);
    const streams = ['joint', 'motion', 'bone'].map((modality) =>
      join(cmdRun, 'encoders', `sequence-${modality}`),
    );
    const evaluate = (modality: string) =>
      ['knn', '--encoder', streams.join(','), '--modality', modality, '--data', join(data, 'xsub')].concat([
        '--frames',
        '16',
        '--backend',
        'wasm',
      ]);
    const ensemble = captureOutput();
    expect(await runCli(evaluate('joint,motion,bone'), commands, ensemble)).toBe(0);
    const rows = ensemble.stdout.split('\n').filter((line) => line.startsWith('1-NN'));
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual([...streams, 'ensemble']);
    const mismatched = captureOutput();
    expect(await runCli(evaluate('joint,motion'), commands, mismatched)).not.toBe(0);
    expect(mismatched.stderr).toMatch(/--modality: expected 1 or 3 modalities/);
  });

  it('reports a missing data folder and an invalid configuration as one line each', async () => {
    const missing = captureOutput();
    expect(
      await runCli(
        ['pretrain', '--data', join(scratch, 'nowhere'), '--backend', 'wasm', '--epochs', '1'],
        commands,
        missing,
      ),
    ).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/^halp pretrain: .*nowhere.*train_/);
    const invalid = captureOutput();
    expect(
      await runCli(['pretrain', '--epochs', '-3', '--optimizer.learningRate', '-1'], commands, invalid),
    ).toBe(1);
    expect(invalid.stderr).toMatch(/epochs: expected a positive integer, found -3/);
    expect(invalid.stderr).toMatch(/optimizer\.learningRate: expected a positive number, found -1/);
  });

  it('gives a run its --out folder: a second run into it is refused, as is a re-run or --resume of another method; --overwrite starts afresh', async () => {
    const data = join(scratch, 'owned-data');
    const synth = ['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1'];
    expect(await runCli(synth, commands, captureOutput())).toBe(0);
    const out = join(scratch, 'owned');
    const tiny = [
      ...[
        '--data',
        join(data, 'xsub'),
        '--out',
        out,
        '--backend',
        'wasm',
        '--epochs',
        '1',
        '--batchSize',
        '8',
      ],
      ...['--queueSize', '32', '--frames', '16', '--encoder.hiddenSize', '8', '--encoder.numLayers', '1'],
      ...['--encoder.embeddingSize', '8'],
    ];
    const [first, second] = [captureOutput(), captureOutput()];
    const codes = await Promise.all([
      runCli(['pretrain', ...tiny], commands, first),
      runCli(['pretrain', ...tiny], commands, second),
    ]);
    expect([...codes].sort()).toEqual([0, 1]);
    const refused = codes[0] === 0 ? second : first;
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^halp pretrain: .*owned is in use by another run \(pid \d+/,
    );

    const again = captureOutput();
    expect(await runCli(['pretrain', ...tiny], commands, again)).toBe(1);
    expect(again.stderr).toMatch(
      /owned is not empty \(.*\): --resume <checkpoint> continues its run, --overwrite replaces it/,
    );

    const otherMethod = captureOutput();
    const resume = ['--resume', join(out, 'checkpoints', 'latest'), '--epochs', '2'];
    expect(await runCli(['pretrain', ...tiny, ...resume, '--method', 'isc'], commands, otherMethod)).toBe(1);
    expect(otherMethod.stderr).toMatch(/cannot resume: .*method is "moco" there, "isc" here/);

    const overwrite = captureOutput();
    expect(await runCli(['pretrain', ...tiny, '--overwrite', '--seed', '3'], commands, overwrite)).toBe(0);
    const records = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n');
    expect(records.filter((line) => line.includes('"type":"epoch"'))).toHaveLength(1);
  });

  it('refuses non-finite data with file, sample and name, an encoder with NaN weights, and held-out classes the training split lacks', async () => {
    const data = join(scratch, 'bad-data');
    const synth = ['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1'];
    expect(await runCli(synth, commands, captureOutput())).toBe(0);
    const folder = join(data, 'xsub');
    const trainData = join(folder, 'train_data_joint.npy');
    const read = await readNpy(trainData, { dtype: 'float32' })();
    if (E.isLeft(read)) throw new Error(read.left.message);
    const [, channels, frames, joints, bodies] = read.right.shape as number[];
    const clipSize = channels! * frames! * joints! * bodies!;
    const values = (read.right.data as Float32Array).slice();
    values[3 * clipSize + (5 * joints! + 2) * bodies!] = Number.POSITIVE_INFINITY; // X[3, 0, 5, 2, 0]
    expect(E.isRight(await writeNpy(trainData, ndArray('float32', read.right.shape, values))())).toBe(true);
    const out = join(scratch, 'bad-run');
    const tiny = [
      ...['--data', folder, '--out', out, '--backend', 'wasm', '--epochs', '1', '--batchSize', '8'],
      ...['--queueSize', '32', '--frames', '16', '--encoder.hiddenSize', '8', '--encoder.numLayers', '1'],
      ...['--encoder.embeddingSize', '8'],
    ];
    const pretrain = captureOutput();
    expect(await runCli(['pretrain', ...tiny], commands, pretrain)).toBe(1);
    expect(pretrain.stderr.trim().split('\n').at(-1)).toMatch(
      /^halp pretrain: .*train_data_joint\.npy: npy error at sample 3 \(\S+\), value \(c, t, v, m\) = \(0, 5, 2, 0\): expected finite coordinates, found Infinity$/,
    );
    expect(existsSync(join(out, 'encoder'))).toBe(false);

    // A clean copy trains an encoder; one with NaN weights (as an old or foreign file may hold) is
    // refused before any feature is computed or saved.
    values[3 * clipSize + (5 * joints! + 2) * bodies!] = 0;
    expect(E.isRight(await writeNpy(trainData, ndArray('float32', read.right.shape, values))())).toBe(true);
    // A num_frame above the stored T is the references' record of a longer clip: accepted, and said.
    const trainFrames = join(folder, 'train_num_frame.npy');
    const frameCounts = await readNpy(trainFrames)();
    if (E.isLeft(frameCounts) || frameCounts.right.dtype !== 'int64')
      throw new Error('int64 num_frame expected');
    const counts = frameCounts.right.data.slice();
    counts[0] = 1000n;
    expect(E.isRight(await writeNpy(trainFrames, ndArray('int64', [counts.length], counts))())).toBe(true);
    const clean = captureOutput();
    expect(await runCli(['pretrain', ...tiny, '--overwrite'], commands, clean)).toBe(0);
    expect(clean.stderr).toMatch(
      new RegExp(`; 1 clip records more than the ${frames} stored frames \\(read as their first ${frames}`),
    );
    // A held-out label the training split does not have.
    const valLabels = join(folder, 'val_label.pkl');
    const labels = await readLabelPickle(valLabels)();
    if (E.isLeft(labels)) throw new Error(labels.left.message);
    const shifted = labels.right.labels.map((label, i) => (i === 1 ? 40 : label));
    expect(E.isRight(await writeLabelPickle(valLabels, labels.right.names, shifted)())).toBe(true);
    const linear = captureOutput();
    expect(
      await runCli(['linear', '--encoder', join(out, 'encoder'), '--data', folder], commands, linear),
    ).toBe(1);
    expect(linear.stderr.trim().split('\n').at(-1)).toBe(
      `halp linear: ${valLabels}: pickle error at labels[1] (${labels.right.names[1]}): expected a class of the training split, 0..17, found 40`,
    );
    expect(E.isRight(await writeLabelPickle(valLabels, labels.right.names, labels.right.labels)())).toBe(
      true,
    );
    const weights = join(out, 'encoder', 'weights.bin');
    const bytes = await readFile(weights);
    await writeFile(weights, new Uint8Array(new Float32Array(bytes.byteLength / 4).fill(Number.NaN).buffer));
    const knn = captureOutput();
    const prefix = join(scratch, 'features');
    const knnArguments = ['knn', '--encoder', join(out, 'encoder'), '--data', folder, '--frames', '16'];
    expect(
      await runCli([...knnArguments, '--backend', 'wasm', '--save-features', prefix], commands, knn),
    ).toBe(1);
    expect(knn.stderr.trim().split('\n').at(-1)).toMatch(
      /^halp knn: .*encoder: weights\[.*\]: expected finite values, found NaN/,
    );
    expect(existsSync(`${prefix}_train.npy`)).toBe(false);
  });

  it('refuses to prepare a folder without samples, and names the file a full disk refused', async () => {
    const empty = join(scratch, 'empty-raw');
    await mkdir(empty, { recursive: true });
    const prepare = captureOutput();
    const prepareArguments = [
      'prepare',
      '--split',
      'ntu60-xsub',
      '--raw',
      empty,
      '--out',
      join(scratch, 'p'),
    ];
    expect(await runCli(prepareArguments, commands, prepare)).toBe(1);
    expect(prepare.stderr).toBe(
      `halp prepare: ${empty}: io error at folder: expected .skeleton files of the train part of ntu60-xsub, found none\n`,
    );
    expect(existsSync(join(scratch, 'p', 'train_data_joint.npy'))).toBe(false);
    if (!existsSync('/dev/full')) return; // Linux's always-full device
    const data = join(scratch, 'full-data');
    const synth = ['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1'];
    expect(await runCli(synth, commands, captureOutput())).toBe(0);
    const full = captureOutput();
    const tiny = [
      '--data',
      join(data, 'xsub'),
      '--epochs',
      '1',
      '--batchSize',
      '8',
      '--queueSize',
      '32',
      '--frames',
      '16',
    ];
    const small = ['--encoder.hiddenSize', '8', '--encoder.numLayers', '1', '--encoder.embeddingSize', '8'];
    const pretrain = [
      'pretrain',
      '--out',
      join(scratch, 'full'),
      '--backend',
      'wasm',
      '--metricsFile',
      '/dev/full',
    ];
    expect(await runCli([...pretrain, ...tiny, ...small], commands, full)).toBe(1);
    expect(full.stderr.trim().split('\n').at(-1)).toMatch(
      /^halp pretrain: cannot write metrics file \/dev\/full: ENOSPC: no space left on device/,
    );
  });
});
