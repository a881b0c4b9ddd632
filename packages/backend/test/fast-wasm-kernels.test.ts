import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FAST_WASM_KERNEL_NAMES,
  fastWasmKernelsRegistered,
  registerFastWasmKernels,
  restoreStockWasmKernels,
} from '../src/index.js';
import { expectClose } from './compare-kernels.js';

afterAll(() => restoreStockWasmKernels());

describe('registerFastWasmKernels', () => {
  it('replaces each kernel once and restores the very stock configs', () => {
    restoreStockWasmKernels();
    const stock = FAST_WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'));
    registerFastWasmKernels();
    const fast = FAST_WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'));
    registerFastWasmKernels();
    expect(FAST_WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'))).toEqual(fast);
    fast.forEach((config, index) => {
      expect(config.kernelFunc).not.toBe(stock[index]!.kernelFunc);
      // The stock setup (cwrap of the C++ entry point) must still run when the backend initialises.
      expect(config.setupFunc).toBe(stock[index]!.setupFunc);
    });
    expect(fastWasmKernelsRegistered()).toBe(true);
    restoreStockWasmKernels();
    expect(FAST_WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'))).toEqual(stock);
    expect(fastWasmKernelsRegistered()).toBe(false);
  });
});

/**
 * A small graph whose autodiff produces every transposed product and a slice:
 * L = Σ tanh(X·W) ⊙ (slice of X·W) · V, with gradients w.r.t. X, W and V.
 */
function gradients(x: Float32Array, w: Float32Array, v: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const loss = (X: tf.Tensor, W: tf.Tensor, V: tf.Tensor) => {
      const hidden = tf.matMul(X as tf.Tensor2D, W as tf.Tensor2D);
      const [first, second] = tf.split(hidden, 2, 1);
      const mixed = tf.mul(tf.tanh(first!), second!);
      return tf.sum(tf.matMul(mixed, V as tf.Tensor2D, false, true));
    };
    const grads = tf.grads(loss)([tf.tensor2d(x, [5, 7]), tf.tensor2d(w, [7, 8]), tf.tensor2d(v, [3, 4])]);
    return grads.map((g) => Float32Array.from(g.dataSync()));
  });
}

describe('gradients with the fast WASM kernels', () => {
  it('equal those of the cpu backend', async () => {
    const data = (length: number) =>
      fc.float32Array({ minLength: length, maxLength: length, min: -1, max: 1, noNaN: true });
    const cases = fc.sample(fc.tuple(data(35), data(56), data(12)), { numRuns: 5, seed: 7 });
    for (const [x, w, v] of cases) {
      await tf.setBackend('cpu');
      const reference = gradients(x, w, v);
      await tf.setBackend('wasm');
      registerFastWasmKernels();
      const fast = gradients(x, w, v);
      for (const [index, gradient] of fast.entries()) expectClose(gradient, reference[index]!, 1e-5);
    }
  });
});
