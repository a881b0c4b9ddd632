import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtInMethods } from '@halp/contrastive';
import { encode, namedVariables } from '@halp/encoders';
import { createRandom } from '@halp/random';
import { generateSyntheticDataset, inMemoryDataset, kinect25 } from '@halp/skeleton';
import { importReferenceMoco, type ReferenceMocoImport } from '@halp/torch-checkpoint';
import { openTorchCheckpointFile } from '@halp/torch-checkpoint/node';
import {
  createTrainingState,
  DEFAULT_PRETRAIN_CONFIG,
  disposeTrainingState,
  memoryMetricsSink,
  type PretrainConfig,
  restoreTrainingState,
} from '@halp/trainer';
import { pretrain } from '@halp/trainer/node';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands/index.js';
import { runCli } from '../src/cli/main.js';
import { referenceTrainingCheckpoint } from '../src/reference-checkpoint.js';
import { captureOutput } from './capture-output.js';

/** Fixtures of @halp/torch-checkpoint, made with the HaLP reference's own code (see its tests). */
const fixture = (file: string) =>
  fileURLToPath(new URL(`../../torch-checkpoint/test/fixtures/${file}`, import.meta.url));
const BASELINE = fixture('baseline.pth.tar');

let scratch: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = await mkdtemp(join(tmpdir(), 'halp-reference-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function imported(path = BASELINE): Promise<ReferenceMocoImport> {
  const checkpoint = await openTorchCheckpointFile(path)();
  if (E.isLeft(checkpoint)) throw new Error(checkpoint.left.message);
  const result = await importReferenceMoco(checkpoint.right)();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
}

/** A HaLP run continuing the fixture's baseline (epoch 3) for one epoch, on a small synthetic set. */
function halpConfig(model: ReferenceMocoImport, epochs: number): PretrainConfig {
  return {
    ...DEFAULT_PRETRAIN_CONFIG,
    method: 'halp',
    methodOptions: {
      numPrototypes: 4,
      keysForPrototypes: 32,
      numPositives: 10,
      numClosest: 3,
      warmupKeys: 8,
      updateEvery: 2,
    },
    encoder: model.encoder,
    queueSize: model.queue!.capacity,
    frames: 16,
    batchSize: 8,
    keyMomentum: 0.9,
    optimizer: { ...DEFAULT_PRETRAIN_CONFIG.optimizer, learningRate: 0.05, milestones: [] },
    epochs,
    backend: 'cpu',
  };
}

const dataset = () =>
  inMemoryDataset(
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

describe('a reference checkpoint, imported', () => {
  it('halp import writes an encoder and a resumable checkpoint; the encoder reproduces the import', async () => {
    const out = join(scratch, 'imported');
    const output = captureOutput();
    expect(await runCli(['import', BASELINE, '--out', out], commands, output)).toBe(0);
    expect(output.stderr).toMatch(
      /BiGRU 2 × 6 on 150 channels \(reference stepping\), mlp head → 16, epoch 3, queue 32/,
    );
    for (const file of [
      'encoder/model.json',
      'encoder/weights.bin',
      'checkpoint/checkpoint.json',
      'checkpoint/tensors.bin',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const model = await imported();
    const { loadEncoder } = await import('@halp/encoders');
    const { fileSystemHandler } = await import('@halp/encoders/node');
    const loaded = await loadEncoder(fileSystemHandler(join(out, 'encoder')), out)();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    expect(loaded.right.config).toEqual(model.encoder);
    for (const { name, variable } of namedVariables(loaded.right)) {
      expect(variable.dataSync(), name).toEqual(model.query.get(name)!.data);
    }
  });

  it('halp export writes it back as a reference checkpoint holding the same weights', async () => {
    const out = join(scratch, 'round-trip');
    expect(await runCli(['import', BASELINE, '--out', out], commands, captureOutput())).toBe(0);
    const output = captureOutput();
    const file = join(out, 'exported.pth.tar');
    expect(
      await runCli(['export', join(out, 'encoder'), '--out', file, '--epoch', '3'], commands, output),
    ).toBe(0);
    expect(output.stderr).not.toMatch(/stepping/);
    const [original, exported] = [await imported(), await imported(file)];
    expect(exported.epoch).toBe(3);
    expect(exported.encoder).toEqual(original.encoder);
    for (const [name, array] of original.query) expect(exported.query.get(name), name).toEqual(array);
  });

  it('refuses a file that is not a checkpoint with one line naming it', async () => {
    const output = captureOutput();
    const notes = fixture('baseline.expected.json');
    expect(await runCli(['import', notes, '--out', join(scratch, 'never')], commands, output)).toBe(1);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
    expect(output.stderr).toContain('baseline.expected.json');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });

  it('warm-starts HaLP with the reference’s weights, queue and epoch', async () => {
    const model = await imported();
    const result = await pretrain(halpConfig(model, model.epoch!), {
      dataset: dataset(),
      layout: kinect25,
      warmStartFrom: referenceTrainingCheckpoint([{ name: 'sequence-joint', imported: model }]),
    });
    const [stream] = result.state.streams;
    const reference = (await import('../../torch-checkpoint/test/fixtures.js')).expected('baseline');
    const { data, shape } = (await import('../../torch-checkpoint/test/fixtures.js')).fixtureSequences();
    const x = tf.tensor3d(data, shape);
    for (const [encoder, expected] of [
      [stream!.queryEncoder, reference.features],
      [stream!.keyEncoder, reference.key_features],
    ] as const) {
      const { features, embedding } = encode(encoder, x, { training: false });
      const actual = await features.data();
      const worst = Math.max(...expected.flat().map((value, i) => Math.abs(value - actual[i]!)));
      expect(worst).toBeLessThan(1e-5);
      tf.dispose([features, embedding]);
    }
    x.dispose();
    const queue = await stream!.queue.snapshot();
    expect(queue.pointer).toBe(reference.queue_pointer);
    expect(result.state.epoch).toBe(reference.epoch);
    disposeTrainingState(result.state);
  });

  it('a HaLP run from the .pth.tar matches, step for step, one from the same weights in halp’s format', async () => {
    const model = await imported();
    const out = join(scratch, 'for-warm-start');
    expect(await runCli(['import', BASELINE, '--out', out], commands, captureOutput())).toBe(0);
    const runs = [];
    for (const warmStartFrom of [
      referenceTrainingCheckpoint([{ name: 'sequence-joint', imported: model }]),
      join(out, 'checkpoint'),
    ]) {
      const metrics = memoryMetricsSink();
      const result = await pretrain(halpConfig(model, model.epoch! + 1), {
        dataset: dataset(),
        layout: kinect25,
        warmStartFrom,
        metrics,
      });
      expect(result.status).toBe('completed');
      const weights = namedVariables(result.state.streams[0]!.queryEncoder).map(({ variable }) =>
        variable.dataSync(),
      );
      runs.push({ steps: metrics.records.filter((record) => record.type === 'step'), weights });
      disposeTrainingState(result.state);
    }
    const [fromFile, fromFolder] = runs;
    expect(fromFile!.steps.length).toBeGreaterThan(2);
    // Steps are counted as in an uninterrupted run: 3 epochs of batches were done before this one.
    expect(fromFile!.steps[0]!.step).toBe(3 * fromFile!.steps.length + 1);
    expect(fromFile!.steps.some((record) => typeof record['loss/halp'] === 'number')).toBe(true);
    expect(fromFile!.steps.map(({ stepSeconds: _, ...record }) => record)).toEqual(
      fromFolder!.steps.map(({ stepSeconds: _, ...record }) => record),
    );
    expect(fromFile!.weights).toEqual(fromFolder!.weights);
  });
});

describe('a CMD checkpoint (one stream per modality)', () => {
  const CMD = fixture('cmd.pth.tar');

  it('halp import writes an encoder per stream and one checkpoint of all three', async () => {
    const out = join(scratch, 'cmd');
    const output = captureOutput();
    expect(await runCli(['import', CMD, '--out', out], commands, output)).toBe(0);
    for (const stream of ['sequence-joint', 'sequence-motion', 'sequence-bone']) {
      expect(existsSync(join(out, 'encoders', stream, 'model.json')), stream).toBe(true);
      expect(output.stderr).toContain(`${stream}: BiGRU 1 × 4 on 6 channels`);
    }
    expect(existsSync(join(out, 'checkpoint', 'checkpoint.json'))).toBe(true);
  });

  it('warm-starts halp’s CMD: each stream’s encoders, queue and momentum from its modality', async () => {
    const checkpoint = await openTorchCheckpointFile(CMD)();
    if (E.isLeft(checkpoint)) throw new Error(checkpoint.left.message);
    const streams = [];
    for (const modality of ['joint', 'motion', 'bone']) {
      const imported = await importReferenceMoco(checkpoint.right, { stream: modality })();
      if (E.isLeft(imported)) throw new Error(imported.left.message);
      streams.push({ name: `sequence-${modality}`, imported: imported.right });
    }
    const first = streams[0]!.imported;
    const config: PretrainConfig = {
      ...DEFAULT_PRETRAIN_CONFIG,
      method: 'cmd',
      encoder: first.encoder,
      queueSize: first.queue!.capacity,
    };
    const state = createTrainingState(config, builtInMethods, createRandom(0), {
      layout: kinect25,
      channels: 3,
      bodies: 2,
    });
    restoreTrainingState(state, referenceTrainingCheckpoint(streams), 'warm-start');
    expect(state.streams.map((stream) => stream.name)).toEqual(streams.map((stream) => stream.name));
    const reference = JSON.parse(readFileSync(fixture('cmd.expected.json'), 'utf8')) as {
      inputs: number[][][];
      streams: Record<string, { features: number[][] }>;
    };
    const x = tf.tensor3d(reference.inputs);
    const velocities = await state.optimizer.saveState();
    const perStream = velocities.length / 3;
    for (const [i, stream] of state.streams.entries()) {
      const { features, embedding } = encode(stream.queryEncoder, x, { training: false });
      const expected = reference.streams[stream.modality]!.features.flat();
      const actual = await features.data();
      expect(Math.max(...expected.map((value, j) => Math.abs(value - actual[j]!)))).toBeLessThan(1e-5);
      tf.dispose([features, embedding]);
      // The optimizer holds the streams' velocities one after the other, in the run's order.
      expect(velocities[i * perStream + 2]).toEqual(streams[i]!.imported.velocities![2]);
    }
    x.dispose();
    disposeTrainingState(state);
  });
});

describe('the CLI takes the .pth.tar where it takes a halp encoder or checkpoint', () => {
  it('halp knn --encoder checkpoint.pth.tar evaluates its query encoder, as the imported folder does', async () => {
    const data = join(scratch, 'synthetic');
    expect(
      await runCli(
        ['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1'],
        commands,
        captureOutput(),
      ),
    ).toBe(0);
    const out = join(scratch, 'knn-import');
    expect(await runCli(['import', BASELINE, '--out', out], commands, captureOutput())).toBe(0);
    const lines = [];
    for (const encoder of [BASELINE, join(out, 'encoder')]) {
      const output = captureOutput();
      const code = await runCli(
        ['knn', '--encoder', encoder, '--data', join(data, 'xsub'), '--frames', '16', '--backend', 'cpu'],
        commands,
        output,
      );
      expect(code, output.stderr).toBe(0);
      lines.push(output.stdout.match(/1-NN\s+([\d.]+)/)?.[1]);
    }
    expect(lines[0]).toBeDefined();
    expect(lines[0]).toBe(lines[1]);

    /** The same short HaLP run on the fixture data, warm-started from `warmStart`. */
    const warmStartedHalp = (runFolder: string, warmStart: string) => [
      'pretrain',
      '--data',
      join(data, 'xsub'),
      '--out',
      runFolder,
      '--backend',
      'cpu',
      '--method',
      'halp',
      '--warm-start',
      warmStart,
      '--epochs',
      '4',
      '--batchSize',
      '8',
      '--frames',
      '16',
      '--knnEvery',
      '0',
      '--methodOptions.warmupKeys',
      '8',
      '--methodOptions.numPrototypes',
      '4',
      '--methodOptions.keysForPrototypes',
      '32',
      '--optimizer.weightDecay',
      '0.001',
    ];
    const run = join(scratch, 'warm');
    const pretrainOutput = captureOutput();
    const code = await runCli(warmStartedHalp(run, BASELINE), commands, pretrainOutput);
    expect(code, pretrainOutput.stderr).toBe(0);
    expect(pretrainOutput.stderr).toMatch(/warm start: .*baseline\.pth\.tar: BiGRU 2 × 6/);
    expect(pretrainOutput.stderr).toMatch(
      /the reference's SGD had momentum 0\.9, weight decay 0\.0001 .*this run uses 0\.9, 0\.001/,
    );
    expect(pretrainOutput.stdout).toMatch(/pretrained halp for 4 epochs/);

    // The folder `halp import` wrote carries the encoder its weights fix, as the file does.
    const fromFolder = captureOutput();
    const folderCode = await runCli(
      warmStartedHalp(join(scratch, 'warm-folder'), join(out, 'checkpoint')),
      commands,
      fromFolder,
    );
    expect(folderCode, fromFolder.stderr).toBe(0);
    expect(fromFolder.stderr).toMatch(/imported from .*baseline\.pth\.tar\); the run uses its BiGRU/);
    expect(fromFolder.stdout.match(/final loss (\S+)/)?.[1]).toBe(
      pretrainOutput.stdout.match(/final loss (\S+)/)?.[1],
    );
  });
});
