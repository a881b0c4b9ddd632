import { mkdtemp, rm } from 'node:fs/promises';
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
import { pretrain } from '../src/node/pretrain.js';
import { disposeTrainingState, type TrainingState } from '../src/training-state.js';
import { layout, tinyConfig, tinyDataset } from './helpers.js';

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
      methodOptions: {
        numPrototypes: 4,
        keysForPrototypes: 32,
        numPositives: 10,
        numClosest: 3,
        warmupKeys: 16,
        updateEvery: 2,
      },
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
    const halpOptions = {
      numPrototypes: 4,
      keysForPrototypes: 32,
      numPositives: 10,
      numClosest: 3,
      warmupKeys: 16,
      updateEvery: 2,
    };
    const full = await pretrain(tinyConfig({ method: 'halp', epochs: 4, methodOptions: halpOptions }), {
      dataset,
      layout,
    });
    const again = await pretrain(tinyConfig({ method: 'halp', epochs: 4, methodOptions: halpOptions }), {
      dataset,
      layout,
    });
    const first = await pretrain(
      tinyConfig({
        method: 'halp',
        epochs: 2,
        methodOptions: halpOptions,
        checkpoint: { directory, every: 1 },
      }),
      { dataset, layout },
    );
    expect(first.lastCheckpoint).toBe(join(directory, 'epoch-0002'));
    const resumed = await pretrain(tinyConfig({ method: 'halp', epochs: 4, methodOptions: halpOptions }), {
      dataset,
      layout,
      resumeFrom: first.lastCheckpoint!,
    });
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
});
