// selectBrowserBackend under Node, which has no navigator.gpu: its refusals and the CPU fallback.
// The WebGPU and WASM paths in a real browser are tested by tooling/web/test/page.test.ts.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  InvalidBackendPreferenceError,
  NoBackendAvailableError,
  selectBrowserBackend,
} from '../src/index.js';

describe('selectBrowserBackend', () => {
  it('never offers tfjs-node, and says why', async () => {
    const failure = await selectBrowserBackend({ preference: 'tensorflow' }).catch((error) => error);
    expect(failure).toBeInstanceOf(NoBackendAvailableError);
    expect(failure.attempts).toEqual([
      { candidate: 'tensorflow', ok: false, reason: 'tfjs-node runs only under Node' },
    ]);
  });

  it('refuses an explicit webgpu without navigator.gpu instead of falling back', async () => {
    const failure = await selectBrowserBackend({ preference: 'webgpu' }).catch((error) => error);
    expect(failure).toBeInstanceOf(NoBackendAvailableError);
    expect(failure.attempts[0].reason).toBe('this browser has no navigator.gpu');
    expect(tf.getBackend()).not.toBe('webgpu');
  });

  it('activates cpu and reports it', async () => {
    const lines: string[] = [];
    const selected = await selectBrowserBackend({ preference: 'cpu', log: (line) => lines.push(line) });
    expect(selected.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual(['tfjs backend: cpu (plain JavaScript)']);
  });

  it('rejects an unknown preference', async () => {
    await expect(selectBrowserBackend({ preference: 'gpu' })).rejects.toBeInstanceOf(
      InvalidBackendPreferenceError,
    );
  });
});
