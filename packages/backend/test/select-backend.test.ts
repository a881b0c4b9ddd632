import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKEND_CANDIDATES,
  fastWasmKernelsRegistered,
  InvalidBackendPreferenceError,
  NoBackendAvailableError,
  parseBackendPreference,
} from '../src/index.js';
import { describeBackends, selectBackend } from '../src/node/index.js';

const resolvable = (specifier: string) => {
  try {
    createRequire(import.meta.url).resolve(specifier);
    return true;
  } catch {
    return false;
  }
};
const tensorflowInstalled = resolvable('@tensorflow/tfjs-node-gpu') || resolvable('@tensorflow/tfjs-node');

describe('selectBackend', () => {
  it('with auto, activates the first candidate that works and says why each earlier one was skipped', async () => {
    const lines: string[] = [];
    const selected = await selectBackend({ preference: 'auto', log: (line) => lines.push(line) });
    const tried = selected.reasons.map((attempt) => attempt.candidate);
    expect(tried).toEqual(BACKEND_CANDIDATES.slice(0, tried.length));
    expect(selected.reasons.at(-1)).toMatchObject({ candidate: selected.name, ok: true });
    for (const skipped of selected.reasons.slice(0, -1)) {
      expect(skipped.ok).toBe(false);
      expect(skipped.reason.length).toBeGreaterThan(0);
    }
    expect(tf.getBackend()).toBe(selected.name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`tfjs backend: ${selected.name}`);
    for (const skipped of selected.reasons.slice(0, -1))
      expect(lines[0]).toContain(`${skipped.candidate} skipped`);
  });

  it.skipIf(tensorflowInstalled)('without tfjs-node, says so and never picks tensorflow', async () => {
    const selected = await selectBackend({ preference: 'auto' });
    expect(selected.name).not.toBe('tensorflow');
    expect(selected.reasons[0]).toEqual({
      candidate: 'tensorflow',
      ok: false,
      reason: '@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed',
    });
  });

  it('with an explicit tensorflow preference and no tfjs-node, fails with the reason instead of falling back', async () => {
    if (tensorflowInstalled) return;
    const attempt = selectBackend({ preference: 'tensorflow' });
    await expect(attempt).rejects.toBeInstanceOf(NoBackendAvailableError);
    await expect(attempt).rejects.toThrow(/tfjs-node-gpu is not installed/);
  });

  it('activates an explicit cpu preference', async () => {
    const selected = await selectBackend({ preference: 'cpu' });
    expect(selected).toEqual({
      name: 'cpu',
      reasons: [{ candidate: 'cpu', ok: true, reason: 'plain JavaScript kernels' }],
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('activates wasm with the fast kernels registered', async () => {
    const selected = await selectBackend({ preference: 'wasm' });
    expect(selected.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(fastWasmKernelsRegistered()).toBe(true);
  });

  it('rejects an unknown preference with a typed error', async () => {
    await expect(selectBackend({ preference: 'gpu' })).rejects.toBeInstanceOf(InvalidBackendPreferenceError);
    expect(() => parseBackendPreference('WASM')).toThrow(InvalidBackendPreferenceError);
    expect(parseBackendPreference('webgpu')).toBe('webgpu');
  });
});

const applications: string[] = [];
afterAll(() => {
  for (const application of applications) rmSync(application, { recursive: true, force: true });
});

/** An application directory whose node_modules holds a fake `@tensorflow/tfjs-node` with this body. */
function applicationWithTfjsNode(body: string): string {
  const application = mkdtempSync(join(tmpdir(), 'halp-backend-test-'));
  applications.push(application);
  const tfjsNode = join(application, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(tfjsNode, { recursive: true });
  writeFileSync(join(application, 'package.json'), '{"name":"application"}');
  writeFileSync(join(tfjsNode, 'package.json'), '{"name":"@tensorflow/tfjs-node","main":"index.js"}');
  writeFileSync(join(tfjsNode, 'index.js'), body);
  return application;
}

async function selectTensorflowFrom(application: string): Promise<unknown> {
  const cwd = process.cwd();
  process.chdir(application);
  try {
    return await selectBackend({ preference: 'tensorflow' });
  } catch (error) {
    return error;
  } finally {
    process.chdir(cwd);
  }
}

describe.skipIf(tensorflowInstalled)(
  'the tensorflow candidate, resolved from the application directory',
  () => {
    it('reports an install whose native addon was never built', async () => {
      const application = applicationWithTfjsNode(
        "throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/tfjs_binding.node.\\nPlease run npm rebuild');",
      );
      const error = await selectTensorflowFrom(application);
      expect(error).toBeInstanceOf(NoBackendAvailableError);
      expect((error as NoBackendAvailableError).attempts[0]!.reason).toBe(
        '@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is installed but failed to load: ' +
          'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/tfjs_binding.node.',
      );
    });

    it('reports a tfjs-node that registered its backend with another copy of tfjs-core', async () => {
      const error = await selectTensorflowFrom(applicationWithTfjsNode('module.exports = {};'));
      expect((error as NoBackendAvailableError).attempts[0]!.reason).toMatch(
        /@tensorflow\/tfjs-node loaded but registered its backend with another copy of @tensorflow\/tfjs-core/,
      );
    });
  },
);

describe('describeBackends', () => {
  it('reports every candidate, the GPU verdict and the tfjs-node-gpu requirements', async () => {
    const description = await describeBackends();
    expect(description.candidates.map((c) => c.candidate)).toEqual([...BACKEND_CANDIDATES]);
    expect(description.candidates.find((c) => c.candidate === 'cpu')?.usable).toBe(true);
    const gpuUsable = description.candidates.some(
      (c) => (c.candidate === 'tensorflow' || c.candidate === 'webgpu') && c.usable,
    );
    expect(description.gpu.startsWith(gpuUsable ? 'usable' : 'none usable')).toBe(true);
    expect(description.tfjsNodeGpuRequirements).toMatch(/libtensorflow 2\.9\.1.*CUDA 11\.2.*cuDNN 8\.1/);
    expect(description.versions['@tensorflow/tfjs-core']).toBe(tf.version_core);
  });
});
