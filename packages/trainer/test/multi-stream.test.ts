import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@halp/backend/node';
import { builtInMethods } from '@halp/contrastive';
import { type Encoder, namedVariables, updateRunningStatistics } from '@halp/encoders';
import { createRandom, fillNormal } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PretrainConfig } from '../src/config.js';
import { memoryMetricsSink } from '../src/metrics.js';
import { pretrain } from '../src/node/pretrain.js';
import { parsePretrainConfig } from '../src/parse-config.js';
import { NonFiniteLossError, trainStep } from '../src/train-step.js';
import { createTrainingState, disposeTrainingState, type TrainingState } from '../src/training-state.js';
import { layout, tinyConfig, tinyDataset } from './helpers.js';

const dataset = tinyDataset();
let scratch: string;

beforeAll(async () => {
  await selectBackend({ preference: 'wasm' });
  scratch = await mkdtemp(join(tmpdir(), 'halp-multi-stream-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** ISC between the tiny BiGRU and a tiny graph encoder (two blocks of 8 channels). */
function iscConfig(overrides: Partial<PretrainConfig> = {}): PretrainConfig {
  const base = tinyConfig();
  return tinyConfig({
    method: 'isc',
    methodOptions: { pair: 'sequence+graph' },
    graphEncoder: {
      ...base.graphEncoder,
      blocks: [
        { channels: 8, stride: 1 },
        { channels: 8, stride: 2 },
      ],
      adaptive: false,
      head: 'linear',
      embeddingSize: 16,
    },
    ...overrides,
  });
}

async function weights(state: TrainingState): Promise<Float32Array[]> {
  const variables = state.streams.flatMap((stream) => namedVariables(stream.queryEncoder));
  return Promise.all(variables.map(async ({ variable }) => (await variable.data()) as Float32Array));
}

describe('pretrain with several streams', () => {
  it('trains ISC: one query/key encoder pair and queue per representation, cross-contrasted', async () => {
    const metrics = memoryMetricsSink();
    const result = await pretrain(iscConfig({ epochs: 3 }), { dataset, layout, metrics });
    expect(result.status).toBe('completed');
    expect(result.state.streams.map((stream) => [stream.name, stream.queryEncoder.kind])).toEqual([
      ['sequence-joint', 'bigru'],
      ['graph-joint', 'graph'],
    ]);
    const steps = metrics.records.filter((record) => record.type === 'step');
    for (const term of ['loss/contrastive/sequence-joint', 'loss/contrastive/graph-joint']) {
      const values = steps.map((record) => record[term] as number);
      expect(values.every(Number.isFinite)).toBe(true);
      const mean = (part: number[]) => part.reduce((a, b) => a + b, 0) / part.length;
      expect(mean(values.slice(-4))).toBeLessThan(mean(values.slice(0, 4)));
    }
    disposeTrainingState(result.state);
  });

  it('resumes ISC + HaLP to the same weights of every stream, with tensors flat across steps', async () => {
    const directory = join(scratch, 'isc-halp');
    const methodOptions = {
      pair: 'sequence+graph',
      numPrototypes: 3,
      keysForPrototypes: 16,
      numPositives: 6,
      numClosest: 2,
      warmupKeys: 8,
      updateEvery: 2,
    };
    const counts: number[] = [];
    const full = await pretrain(iscConfig({ method: 'isc-halp', methodOptions, epochs: 3 }), {
      dataset,
      layout,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    const steady = counts.slice(counts.length / 3);
    expect(Math.max(...steady)).toBe(Math.min(...steady));
    const first = await pretrain(
      iscConfig({ method: 'isc-halp', methodOptions, epochs: 1, checkpoint: { directory, every: 1 } }),
      { dataset, layout },
    );
    const resumed = await pretrain(iscConfig({ method: 'isc-halp', methodOptions, epochs: 3 }), {
      dataset,
      layout,
      resumeFrom: first.lastCheckpoint!,
    });
    expect(await weights(resumed.state)).toEqual(await weights(full.state));
    for (const run of [full, first, resumed]) disposeTrainingState(run.state);
  });

  it('trains HaLP + CMD: three modality streams, distillation and a HaLP term per stream', async () => {
    const metrics = memoryMetricsSink();
    const methodOptions = {
      topK: 8,
      numPrototypes: 3,
      keysForPrototypes: 16,
      numPositives: 6,
      numClosest: 2,
      warmupKeys: 8,
    };
    const result = await pretrain(tinyConfig({ method: 'cmd-halp', methodOptions, epochs: 2 }), {
      dataset,
      layout,
      metrics,
    });
    expect(result.status).toBe('completed');
    expect(result.state.streams.map((stream) => stream.modality)).toEqual(['joint', 'motion', 'bone']);
    const last = metrics.records.filter((record) => record.type === 'step').at(-1)!;
    const terms = Object.keys(last)
      .filter((key) => key.startsWith('loss/'))
      .sort();
    expect(terms).toEqual([
      'loss/contrastive/sequence-bone',
      'loss/contrastive/sequence-joint',
      'loss/contrastive/sequence-motion',
      'loss/distillation',
      'loss/halp/sequence-bone',
      'loss/halp/sequence-joint',
      'loss/halp/sequence-motion',
    ]);
    for (const term of terms) expect(Number.isFinite(last[term] as number)).toBe(true);
    disposeTrainingState(result.state);
  });

  it('folds each forward pass’s BatchNorm moments into the running statistics, none of a rejected step', async () => {
    const config = iscConfig();
    const shape = { layout, channels: 3, bodies: 2 };
    const [stepped, reference] = [0, 1].map(() =>
      createTrainingState(config, builtInMethods, createRandom(3), shape),
    );
    const random = createRandom(4);
    const view = (input: string) => {
      const dims = input === 'sequence' ? [8, 16, 150] : [8, 2, 16, 25, 3];
      return tf.tensor(fillNormal(random, new Float32Array(dims.reduce((a, b) => a * b))), dims);
    };
    const views = {
      query: stepped!.streams.map((stream) => view(stream.input)),
      key: stepped!.streams.map((stream) => view(stream.input)),
    };
    const running = async (encoder: Encoder) =>
      Promise.all(
        namedVariables(encoder)
          .filter(({ name }) => name.includes('running'))
          .map(async ({ variable }) => Array.from(await variable.data())),
      );
    // The query encoders' statistics come from the forward pass that trained them (pre-update weights).
    for (const [i, stream] of reference!.streams.entries()) {
      updateRunningStatistics(stream.queryEncoder, views.query[i]!);
    }
    await trainStep(stepped!, views, 1, createRandom(5)); // a large step: pre- and post-update statistics differ clearly
    for (const [i, stream] of stepped!.streams.entries()) {
      const [actual, expected] = await Promise.all([
        running(stream.queryEncoder),
        running(reference!.streams[i]!.queryEncoder),
      ]);
      expect(actual.length).toBeGreaterThan(0);
      for (const [j, value] of actual.flat().entries()) expect(value).toBeCloseTo(expected.flat()[j]!, 5);
    }
    // A step whose loss is NaN changes no running statistic (and leaves no tensor behind).
    const before = await Promise.all(
      stepped!.streams.flatMap((stream) => [running(stream.queryEncoder), running(stream.keyEncoder)]),
    );
    const poisoned = {
      query: views.query.map((x) => tf.mul(x, Number.NaN)),
      key: views.key,
    };
    const tensors = tf.memory().numTensors;
    await expect(trainStep(stepped!, poisoned, 0.05, createRandom(6))).rejects.toThrow(NonFiniteLossError);
    expect(tf.memory().numTensors).toBe(tensors);
    const after = await Promise.all(
      stepped!.streams.flatMap((stream) => [running(stream.queryEncoder), running(stream.keyEncoder)]),
    );
    expect(after).toEqual(before);
    tf.dispose([...views.query, ...views.key, ...poisoned.query]);
    disposeTrainingState(stepped!);
    disposeTrainingState(reference!);
  });

  it('refuses to warm-start streams the checkpoint does not have', async () => {
    const directory = join(scratch, 'moco');
    const moco = await pretrain(tinyConfig({ epochs: 1, checkpoint: { directory, every: 1 } }), {
      dataset,
      layout,
    });
    disposeTrainingState(moco.state);
    await expect(
      pretrain(iscConfig({ epochs: 2 }), { dataset, layout, warmStartFrom: moco.lastCheckpoint! }),
    ).rejects.toThrow(/graph-joint\/query/);
  });

  it('validates the method’s stream options and the sizes of the encoders it uses, by path', () => {
    const parsed = parsePretrainConfig({
      method: 'isc',
      methodOptions: { pair: 'sequence+video' },
    });
    expect(E.isLeft(parsed) && parsed.left.map((issue) => issue.path)).toEqual(['methodOptions.pair']);
    const badGraph = parsePretrainConfig({ method: 'isc', graphEncoder: { temporalKernel: 4 } });
    expect(E.isLeft(badGraph) && badGraph.left.map((issue) => issue.path)).toEqual([
      'graphEncoder.temporalKernel',
    ]);
    // The graph encoder's sizes are not checked when no stream uses it.
    expect(E.isRight(parsePretrainConfig({ method: 'moco', graphEncoder: { temporalKernel: 4 } }))).toBe(
      true,
    );
  });
});
