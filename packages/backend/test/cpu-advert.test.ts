import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../src/node/index.js';

// Its own file: the CPU backend prints its advert only at its first tensor in a process.
describe('selectBackend cpu', () => {
  it("leaves no tfjs advert on the user's terminal", async () => {
    const warn = vi.spyOn(console, 'warn');
    await selectBackend({ preference: 'cpu' });
    const square = tf.tidy(() => tf.square(tf.tensor1d([1, 2, 3])).dataSync());
    expect(Array.from(square)).toEqual([1, 4, 9]);
    expect(warn.mock.calls.flat().join('\n')).not.toContain('tfjs-node');
    warn.mockRestore();
  });
});
