import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerFastWasmKernels } from '../src/index.js';
import { installThreadedWasmBackend } from '../src/node/index.js';
import { expectClose } from './compare-kernels.js';

// One test file, one process: the threaded build replaces the `wasm` backend for the whole file.
describe('installThreadedWasmBackend', () => {
  it('refuses a thread count below 2 and leaves the stock backend', async () => {
    expect(await installThreadedWasmBackend(1)).toMatchObject({ ok: false });
    expect(await installThreadedWasmBackend(2.5)).toMatchObject({ ok: false });
  });

  it('runs the WASM backend on 2 XNNPACK threads with the same results as the cpu backend', async () => {
    const outcome = await installThreadedWasmBackend(2);
    expect(outcome).toEqual({ ok: true, threads: 2 });
    registerFastWasmKernels();
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(getThreadsCount()).toBe(2);

    const [a, b] = fc.sample(
      fc.float32Array({ minLength: 96 * 80, maxLength: 96 * 80, min: -1, max: 1, noNaN: true }),
      {
        numRuns: 2,
        seed: 3,
      },
    );
    const product = () =>
      tf.tidy(() => tf.matMul(tf.tensor2d(a!, [96, 80]), tf.tensor2d(b!, [96, 80]), false, true).dataSync());
    const threaded = product();
    await tf.setBackend('cpu');
    expectClose(threaded, product(), 80 * 2 ** -21);
  });

  it('refuses once the WASM backend is initialised', async () => {
    expect(await installThreadedWasmBackend(2)).toEqual({
      ok: false,
      reason: 'the WASM backend is already initialised; threads must be set before its first use',
    });
  });
});
