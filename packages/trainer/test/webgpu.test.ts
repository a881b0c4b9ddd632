import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeWebgpuAdapter, selectBackend } from '@halp/backend';
import { namedVariables } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PretrainConfig } from '../src/config.js';
import { memoryMetricsSink } from '../src/metrics.js';
import { pretrain } from '../src/pretrain.js';
import { disposeTrainingState, type TrainingState } from '../src/training-state.js';
import { layout, tinyConfig, tinyDataset } from './helpers.js';

// Runs where Dawn finds an adapter: in CI, SwiftShader (software Vulkan, see .ci/run).
const adapter = await probeWebgpuAdapter();
const dataset = tinyDataset();
const halpOptions = {
  numPrototypes: 4,
  keysForPrototypes: 32,
  numPositives: 10,
  numClosest: 3,
  warmupKeys: 16,
  updateEvery: 2,
};
/** 2 layers (the recurrent kernels stack), 24 steps: 4 epochs of 6 batches. */
const config = (method: string, overrides: Partial<PretrainConfig> = {}): PretrainConfig =>
  tinyConfig({
    method,
    epochs: 4,
    encoder: { ...tinyConfig().encoder, numLayers: 2 },
    methodOptions: method === 'halp' ? halpOptions : {},
    ...overrides,
  });

async function weights(state: TrainingState): Promise<Float32Array[]> {
  return Promise.all(
    namedVariables(state.streams[0]!.queryEncoder).map(
      async ({ variable }) => (await variable.data()) as Float32Array,
    ),
  );
}

async function stepLosses(backend: 'wasm' | 'webgpu', method: string): Promise<number[]> {
  await selectBackend({ preference: backend });
  const metrics = memoryMetricsSink();
  const result = await pretrain(config(method), { dataset, layout, metrics });
  disposeTrainingState(result.state);
  return metrics.records.filter((r) => r.type === 'step').map((r) => r.loss as number);
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-trainer-webgpu-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.skipIf(!adapter.found)(
  `training on WebGPU${adapter.found ? ` (${adapter.adapter.name})` : ` — skipped: ${adapter.reason}`}`,
  () => {
    it.each(['moco', 'halp'])('gives the losses of WASM, step by step, for %s', async (method) => {
      const wasm = await stepLosses('wasm', method);
      const webgpu = await stepLosses('webgpu', method);
      expect(webgpu.length).toBeGreaterThanOrEqual(20);
      expect(webgpu).toHaveLength(wasm.length);
      for (const [step, loss] of webgpu.entries()) {
        expect(Math.abs(loss - wasm[step]!), `step ${step + 1}`).toBeLessThanOrEqual(
          1e-4 * Math.abs(wasm[step]!),
        );
      }
    });

    it('resumes exactly and keeps tf.memory().numTensors flat', async () => {
      await selectBackend({ preference: 'webgpu' });
      const directory = join(scratch, 'resume');
      const counts: number[] = [];
      const full = await pretrain(config('halp'), {
        dataset,
        layout,
        onProgress: () => counts.push(tf.memory().numTensors),
      });
      // After the first epoch (prototypes exist, optimizer buffers allocated) the count must not grow.
      const steady = counts.slice(counts.length / 4);
      expect(Math.max(...steady)).toBe(Math.min(...steady));
      const first = await pretrain(config('halp', { epochs: 2, checkpoint: { directory, every: 1 } }), {
        dataset,
        layout,
      });
      const resumed = await pretrain(config('halp'), { dataset, layout, resumeFrom: first.lastCheckpoint! });
      expect(resumed.steps).toBe(full.steps);
      expect(await weights(resumed.state)).toEqual(await weights(full.state));
      for (const run of [full, first, resumed]) disposeTrainingState(run.state);
    });
  },
);
