import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyQueue } from '../src/key-queue.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A batch whose rows are [id, id] so that rows can be traced through the ring buffer. */
function batchOfIds(ids: number[]): tf.Tensor2D {
  return tf.tensor2d(
    ids.flatMap((id) => [id, id]),
    [ids.length, 2],
  );
}

function rowIds(tensor: tf.Tensor2D): number[] {
  const values = tensor.arraySync();
  tensor.dispose();
  return values.map((row) => row[0]!);
}

describe('KeyQueue', () => {
  it('returns the newest keys oldest-first for any capacity and batch sequence (FIFO order)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
        (capacity, batchSizes) => {
          const queue = KeyQueue.fromRows(new Float32Array(capacity * 2).fill(-1), capacity, 2);
          const history: number[] = [];
          let next = 0;
          for (const size of batchSizes.map((s) => Math.min(s, capacity))) {
            const ids = Array.from({ length: size }, () => next++);
            const batch = batchOfIds(ids);
            queue.enqueue(batch);
            batch.dispose();
            history.push(...ids);
          }
          const count = Math.min(capacity, history.length);
          expect(rowIds(queue.newest(count))).toEqual(history.slice(-count));
          expect(queue.seen).toBe(history.length);
          // Every row still in the buffer is one of the last `capacity` keys or an initial row.
          const kept = new Set(history.slice(-capacity));
          for (const id of rowIds(queue.keys.clone())) expect(id === -1 || kept.has(id)).toBe(true);
          queue.dispose();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('overwrites rows from the pointer on, like the reference', () => {
    const queue = KeyQueue.fromRows(new Float32Array(8).fill(-1), 4, 2);
    const batch = batchOfIds([7, 8, 9]);
    queue.enqueue(batch);
    expect(rowIds(queue.keys.clone())).toEqual([7, 8, 9, -1]);
    queue.enqueue(batch);
    // Pointer was 3: row 3 gets 7, then the ring wraps and rows 0, 1 get 8, 9.
    expect(rowIds(queue.keys.clone())).toEqual([8, 9, 9, 7]);
    expect(queue.pointer).toBe(2);
    batch.dispose();
    queue.dispose();
  });

  it('restores from a snapshot and continues identically', async () => {
    const queue = KeyQueue.fromRows(new Float32Array(10).fill(0), 5, 2);
    const first = batchOfIds([1, 2, 3]);
    queue.enqueue(first);
    const restored = KeyQueue.restore(await queue.snapshot());
    const second = batchOfIds([4, 5]);
    queue.enqueue(second);
    restored.enqueue(second);
    expect(await restored.keys.data()).toEqual(await queue.keys.data());
    expect(restored.pointer).toBe(queue.pointer);
    expect(restored.seen).toBe(queue.seen);
    for (const t of [first, second]) t.dispose();
    queue.dispose();
    restored.dispose();
  });

  it('does not leak tensors across enqueues', () => {
    const queue = KeyQueue.fromRows(new Float32Array(32), 16, 2);
    const batch = batchOfIds([1, 2, 3]);
    queue.enqueue(batch);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i += 1) {
      queue.enqueue(batch);
      queue.newest(5).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    batch.dispose();
    queue.dispose();
  });

  it('rejects batches of the wrong width and bad sizes', () => {
    const queue = KeyQueue.fromRows(new Float32Array(8), 4, 2);
    const wide = tf.zeros([1, 3]) as tf.Tensor2D;
    expect(() => queue.enqueue(wide)).toThrow(/at most 4 rows of 2/);
    expect(() => queue.newest(5)).toThrow(RangeError);
    expect(() => KeyQueue.fromRows(new Float32Array(3), 2, 2)).toThrow(/expected 2×2/);
    wide.dispose();
    queue.dispose();
  });
});
