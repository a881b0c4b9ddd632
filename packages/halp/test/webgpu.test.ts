import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeWebgpuAdapter } from '@halp/backend/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands/index.js';
import { runCli } from '../src/cli/main.js';
import { captureOutput } from './capture-output.js';

// Runs where Dawn finds an adapter: in CI, SwiftShader (software Vulkan, see .ci/run).
const adapter = await probeWebgpuAdapter();

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-webgpu-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<string> {
  const output = captureOutput();
  const code = await runCli(args, commands, output);
  expect(output.stderr).not.toMatch(/^halp \w+:/m);
  expect(code).toBe(0);
  return output.stdout;
}

describe.skipIf(!adapter.found)(
  `the CLI on WebGPU${adapter.found ? ` (${adapter.adapter.name})` : ` — skipped: ${adapter.reason}`}`,
  // SwiftShader runs each dispatch on the CPU: minutes on a busy machine.
  { timeout: 900_000 },
  () => {
    it('pretrains, then evaluates the encoder with knn (as on WASM) and linear', async () => {
      const data = join(scratch, 'synthetic');
      await cli(['synth', '--out', data, '--performers', '2', '--cameras', '2', '--replications', '1']);
      const run = join(scratch, 'run');
      const sizes = [
        '--encoder.hiddenSize',
        '16',
        '--encoder.numLayers',
        '1',
        '--encoder.embeddingSize',
        '16',
      ];
      const training = ['--epochs', '1', '--batchSize', '8', '--queueSize', '32', '--frames', '8'];
      const pretrained = await cli([
        'pretrain',
        ...['--data', join(data, 'xsub'), '--out', run, '--backend', 'webgpu', '--method', 'moco'],
        ...training,
        ...sizes,
      ]);
      expect(pretrained).toMatch(/pretrained moco for 1 epochs/);

      const evaluation = ['--encoder', join(run, 'encoder'), '--data', join(data, 'xsub'), '--frames', '8'];
      const knnAccuracy = (stdout: string) => Number(stdout.match(/1-NN\s+([\d.]+)/)?.[1]);
      const onWebgpu = knnAccuracy(await cli(['knn', ...evaluation, '--backend', 'webgpu']));
      const onWasm = knnAccuracy(await cli(['knn', ...evaluation, '--backend', 'wasm']));
      expect(onWebgpu).toBeGreaterThanOrEqual(0);
      expect(onWebgpu).toBe(onWasm);
      const linear = await cli(['linear', ...evaluation, '--epochs', '2', '--backend', 'webgpu']);
      const top1 = Number(linear.match(/linear\s+([\d.]+)/)?.[1]);
      expect(top1).toBeGreaterThanOrEqual(0);
      expect(top1).toBeLessThanOrEqual(100);
    });
  },
);
