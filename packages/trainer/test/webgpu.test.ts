import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeWebgpuAdapter, selectBackend } from '@halp/backend/node';
import { namedVariables } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PretrainConfig } from '../src/config.js';
import { memoryMetricsSink } from '../src/metrics.js';
import { pretrain } from '../src/node/pretrain.js';
import type { PretrainInputs } from '../src/pretrain-types.js';
import { disposeTrainingState, type TrainingState } from '../src/training-state.js';
import { layout, tinyConfig, tinyDataset, tinyHalpOptions } from './helpers.js';

// Runs where Dawn finds an adapter: in CI, SwiftShader (software Vulkan, see .ci/run).
const adapter = await probeWebgpuAdapter();
const dataset = tinyDataset();

/** One layer of 8 frames: sizes at which SwiftShader (software Vulkan) runs a step in about a second. */
const config = (method: string, overrides: Partial<PretrainConfig> = {}): PretrainConfig =>
  tinyConfig({
    method,
    frames: 8,
    methodOptions: method === 'halp' ? tinyHalpOptions : {},
    ...overrides,
  });

async function weights(state: TrainingState): Promise<Float32Array[]> {
  return Promise.all(
    namedVariables(state.streams[0]!.queryEncoder).map(
      async ({ variable }) => (await variable.data()) as Float32Array,
    ),
  );
}

async function run(
  backend: 'wasm' | 'webgpu',
  runConfig: PretrainConfig,
  extra: Partial<PretrainInputs> = {},
) {
  await selectBackend({ preference: backend });
  const metrics = memoryMetricsSink();
  const result = await pretrain(runConfig, { dataset, layout, metrics, ...extra });
  const losses = metrics.records.filter((r) => r.type === 'step').map(stepLoss);
  return { result, losses };
}

/** A step's total loss and the sum of its terms' magnitudes (the scale its rounding error has). */
function stepLoss(record: Readonly<Record<string, unknown>>): { total: number; scale: number } {
  const terms = Object.entries(record).filter(
    ([key, value]) => key.startsWith('loss/') && typeof value === 'number',
  );
  return {
    total: record.loss as number,
    scale: terms.reduce((sum, [, value]) => sum + Math.abs(value as number), 0),
  };
}

/**
 * Equal losses step by step, to 1e-4 of the terms' magnitudes: HaLP's term is negative and can
 * cancel most of the contrastive one, so the total alone would understate the scale. Float32 sums in
 * another order drift apart over training (HaLP's 1/τ amplifies it: 1.25e-4 at step 32 here), so
 * the runs are 24 steps.
 */
function expectSameLosses(
  webgpu: readonly { total: number; scale: number }[],
  wasm: readonly { total: number; scale: number }[],
  minimumSteps: number,
): void {
  expect(webgpu.length).toBeGreaterThanOrEqual(minimumSteps);
  expect(webgpu).toHaveLength(wasm.length);
  for (const [step, { total }] of webgpu.entries()) {
    const expected = wasm[step]!;
    expect(Math.abs(total - expected.total), `step ${step + 1}`).toBeLessThanOrEqual(1e-4 * expected.scale);
  }
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
  // SwiftShader runs each dispatch on the CPU: minutes on a busy machine.
  { timeout: 900_000 },
  () => {
    it('trains MoCo for 20+ steps with the losses of WASM (to 1e-4 relative)', async () => {
      const moco = config('moco', { epochs: 3 });
      const wasm = await run('wasm', moco);
      const webgpu = await run('webgpu', moco);
      expectSameLosses(webgpu.losses, wasm.losses, 20);
      disposeTrainingState(wasm.result.state);
      disposeTrainingState(webgpu.result.state);
    });

    it('trains HaLP with the losses of WASM, keeps the tensor count flat, and resumes exactly', async () => {
      const halp = config('halp', { epochs: 3 });
      const wasm = await run('wasm', halp);
      const counts: number[] = [];
      const full = await run('webgpu', halp, { onProgress: () => counts.push(tf.memory().numTensors) });
      expectSameLosses(full.losses, wasm.losses, 20);
      // After the first epoch (prototypes exist, optimizer buffers allocated) the count must not grow.
      const steady = counts.slice(counts.length / 4);
      expect(Math.max(...steady)).toBe(Math.min(...steady));

      const directory = join(scratch, 'resume');
      const first = await run('webgpu', config('halp', { epochs: 2, checkpoint: { directory, every: 1 } }));
      const resumed = await run('webgpu', halp, { resumeFrom: first.result.lastCheckpoint! });
      expect(resumed.result.steps).toBe(full.result.steps);
      expect(await weights(resumed.result.state)).toEqual(await weights(full.result.state));
      for (const { result } of [wasm, full, first, resumed]) disposeTrainingState(result.state);
    });
  },
);
