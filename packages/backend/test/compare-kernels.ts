import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { registerFastWasmKernels, restoreStockWasmKernels } from '../src/index.js';

/** The values and shapes of what `run` returns, computed with the stock or the fast WASM kernels. */
export function runWith(
  kernels: 'stock' | 'fast',
  run: () => tf.Tensor | tf.Tensor[],
): { shape: number[]; values: Float32Array }[] {
  if (kernels === 'fast') registerFastWasmKernels();
  else restoreStockWasmKernels();
  const outputs = tf.tidy(run);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const results = list.map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync()) }));
  tf.dispose(list);
  return results;
}

/** Asserts that stock and fast kernels agree on `run` to within `tolerance` (absolute). */
export function expectFastEqualsStock(run: () => tf.Tensor | tf.Tensor[], tolerance: number): void {
  const stock = runWith('stock', run);
  const fast = runWith('fast', run);
  expect(fast.map((r) => r.shape)).toEqual(stock.map((r) => r.shape));
  for (const [output, result] of fast.entries()) expectClose(result.values, stock[output]!.values, tolerance);
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i += 1) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThanOrEqual(tolerance);
}
