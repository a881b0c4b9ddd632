import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@halp/backend/node';
import { namedVariables } from '@halp/encoders';
import type { SkeletonDataset } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryMetricsSink } from '../src/metrics.js';
import { readCheckpoint } from '../src/node/checkpoint-file.js';
import { jsonlMetricsSink } from '../src/node/jsonl-metrics-sink.js';
import { pretrain } from '../src/node/pretrain.js';
import { disposeTrainingState, type TrainingState } from '../src/training-state.js';
import { layout, tinyConfig, tinyDataset, tinyHalpOptions } from './helpers.js';

const dataset = tinyDataset();
let scratch: string;

beforeAll(async () => {
  await selectBackend({ preference: 'wasm' });
  scratch = await mkdtemp(join(tmpdir(), 'halp-trainer-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function weights(state: TrainingState): Promise<Float32Array[]> {
  return Promise.all(
    namedVariables(state.streams[0]!.queryEncoder).map(
      async ({ variable }) => (await variable.data()) as Float32Array,
    ),
  );
}

describe('pretrain', () => {
  it.each(['moco', 'halp'])('lowers the contrastive loss of %s on synthetic clips', async (method) => {
    const config = tinyConfig({
      method,
      epochs: 4,
      methodOptions:
        method === 'halp'
          ? {
              numPrototypes: 4,
              keysForPrototypes: 32,
              numPositives: 10,
              numClosest: 3,
              warmupKeys: 32,
              updateEvery: 2,
            }
          : {},
    });
    const metrics = memoryMetricsSink();
    const result = await pretrain(config, { dataset, layout, metrics });
    expect(result.status).toBe('completed');
    const steps = metrics.records.filter((r) => r.type === 'step');
    const contrastive = steps.map((r) => r['loss/contrastive'] as number);
    const head = contrastive.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    const tail = contrastive.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(tail).toBeLessThan(head);
    if (method === 'halp') {
      // After the warm-up, positives are hallucinated and the HaLP term is logged.
      expect(steps.some((r) => typeof r['loss/halp'] === 'number')).toBe(true);
      expect(steps.every((r) => Number.isFinite(r.loss as number))).toBe(true);
    }
    disposeTrainingState(result.state);
  });

  it('keeps tf.memory().numTensors flat across steps', async () => {
    const counts: number[] = [];
    const config = tinyConfig({
      method: 'halp',
      epochs: 3,
      methodOptions: tinyHalpOptions,
    });
    const result = await pretrain(config, {
      dataset,
      layout,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    // After the first epoch (prototypes exist, optimizer buffers allocated) the count must not grow.
    const steady = counts.slice(counts.length / 3);
    expect(Math.max(...steady)).toBe(Math.min(...steady));
    disposeTrainingState(result.state);
  });

  it('is deterministic and resumes to the same weights as an uninterrupted run', async () => {
    const directory = join(scratch, 'resume');

    const full = await pretrain(tinyConfig({ method: 'halp', epochs: 4, methodOptions: tinyHalpOptions }), {
      dataset,
      layout,
    });
    const again = await pretrain(tinyConfig({ method: 'halp', epochs: 4, methodOptions: tinyHalpOptions }), {
      dataset,
      layout,
    });
    const first = await pretrain(
      tinyConfig({
        method: 'halp',
        epochs: 2,
        methodOptions: tinyHalpOptions,
        checkpoint: { directory, every: 1 },
      }),
      { dataset, layout },
    );
    expect(first.lastCheckpoint).toBe(join(directory, 'epoch-0002'));
    const resumed = await pretrain(
      tinyConfig({ method: 'halp', epochs: 4, methodOptions: tinyHalpOptions }),
      {
        dataset,
        layout,
        resumeFrom: first.lastCheckpoint!,
      },
    );
    expect(resumed.steps).toBe(full.steps);
    expect(await weights(again.state)).toEqual(await weights(full.state));
    expect(await weights(resumed.state)).toEqual(await weights(full.state));
    for (const run of [full, again, first, resumed]) disposeTrainingState(run.state);
  });

  it('stops on a non-finite loss, names the step and term, and keeps the last good checkpoint', async () => {
    const directory = join(scratch, 'non-finite');
    // Clips turn to NaN once the second epoch is under way, as a corrupt file would make them.
    let poisoned = false;
    const poisonedDataset: SkeletonDataset = {
      ...dataset,
      clip: (index) => {
        const clip = dataset.clip(index);
        return poisoned ? { ...clip, data: new Float32Array(clip.data.length).fill(Number.NaN) } : clip;
      },
    };
    const metrics = memoryMetricsSink();
    const result = await pretrain(tinyConfig({ epochs: 5, checkpoint: { directory, every: 1 } }), {
      dataset: poisonedDataset,
      layout,
      metrics,
      onProgress: ({ epoch }) => {
        if (epoch >= 1) poisoned = true;
      },
    });
    expect(result.status).toBe('stopped-non-finite');
    expect(result.failure?.term).toBe('contrastive');
    expect(Number.isFinite(result.failure?.value)).toBe(false);
    expect(metrics.records.at(-1)).toMatchObject({ type: 'stopped', step: result.failure?.step });
    // The checkpoint of the last completed epoch is intact and loads.
    expect(result.lastCheckpoint).toBe(join(directory, 'epoch-0001'));
    const saved = await readCheckpoint(result.lastCheckpoint!);
    expect(E.isRight(saved) && saved.right.metadata.epoch).toBe(1);
    disposeTrainingState(result.state);
  });

  it('never saves a non-finite weight: one Inf in a clip stops the run, and every checkpoint on disk is finite', async () => {
    const directory = join(scratch, 'one-inf');
    // One coordinate of one clip is infinite, as a corrupt file would have it (the .npy reader refuses
    // such a clip; an in-memory dataset does not check).
    const poisonedDataset: SkeletonDataset = {
      ...dataset,
      clip: (index) => {
        const clip = dataset.clip(index);
        if (index !== 3) return clip;
        const data = clip.data.slice();
        data[5 * clip.joints * clip.bodies + 2 * clip.bodies] = Number.POSITIVE_INFINITY;
        return { ...clip, data };
      },
    };
    // The references' MLP head: its BatchNorm running statistics take the infinite batch moments
    // while the loss (from the batch's own normalisation) may stay finite.
    const config = tinyConfig({ epochs: 3, checkpoint: { directory, every: 1 } });
    const result = await pretrain(
      { ...config, encoder: { ...config.encoder, head: 'mlp' } },
      {
        dataset: poisonedDataset,
        layout,
      },
    );
    expect(result.status).toBe('stopped-non-finite');
    expect(result.failure?.tensor).toMatch(/\//);
    const folders = (await readdir(directory).catch(() => [] as string[])).filter(
      (entry) => !entry.startsWith('.'),
    );
    for (const folder of folders) {
      const bytes = await readFile(join(directory, folder, 'tensors.bin'));
      const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      expect(values.every(Number.isFinite), folder).toBe(true);
    }
    if (result.lastCheckpoint !== null)
      expect(E.isRight(await readCheckpoint(result.lastCheckpoint))).toBe(true);
    disposeTrainingState(result.state);
  });

  it('refuses to resume a checkpoint of another run, naming the setting that differs', async () => {
    const directory = join(scratch, 'resume-other');
    const first = await pretrain(tinyConfig({ epochs: 1, checkpoint: { directory, every: 1 } }), {
      dataset,
      layout,
    });
    disposeTrainingState(first.state);
    const resumeFrom = join(directory, 'latest');
    await expect(
      pretrain(
        tinyConfig({
          epochs: 2,
          method: 'halp',
          methodOptions: {
            numPrototypes: 4,
            keysForPrototypes: 32,
            numPositives: 10,
            numClosest: 3,
            warmupKeys: 32,
          },
        }),
        { dataset, layout, resumeFrom },
      ),
    ).rejects.toThrow(/cannot resume: .*method is "moco" there, "halp" here.*--warm-start/);
    await expect(
      pretrain(tinyConfig({ epochs: 2, seed: 7 }), { dataset, layout, resumeFrom }),
    ).rejects.toThrow(/cannot resume: the checkpoint belongs to another run \(seed is 0 there, 7 here\)/);
    // More epochs is the same run, continued.
    const continued = await pretrain(tinyConfig({ epochs: 2 }), { dataset, layout, resumeFrom });
    expect(continued.epochsCompleted).toBe(2);
    disposeTrainingState(continued.state);
  });

  it('keeps metrics.jsonl one run: resuming drops what the abandoned attempt logged after the checkpoint', async () => {
    const directory = join(scratch, 'metrics-rewind');
    const metricsFile = join(directory, 'metrics.jsonl');
    const config = tinyConfig({
      epochs: 3,
      checkpoint: { directory: join(directory, 'checkpoints'), every: 1 },
    });
    const records = async () =>
      (await readFile(metricsFile, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map(({ type, step, epoch, loss }) => ({ type, step, epoch, loss }));
    const first = await pretrain(config, { dataset, layout, metrics: jsonlMetricsSink(metricsFile) });
    disposeTrainingState(first.state);
    const uninterrupted = await records();
    // Resume from epoch 1 as if the run had been killed after it: epochs 2 and 3 are logged again.
    const resumeFrom = join(directory, 'checkpoints', 'epoch-0001');
    const resumed = await pretrain(config, {
      dataset,
      layout,
      metrics: jsonlMetricsSink(metricsFile),
      resumeFrom,
    });
    disposeTrainingState(resumed.state);
    expect(await records()).toEqual(uninterrupted);
  });
});
