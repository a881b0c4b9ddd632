import * as tf from '@tensorflow/tfjs-core';

/**
 * The MoCo dictionary: a FIFO of the last K keys, stored as a ring buffer of K × D rows.
 *
 * Rows are overwritten in place from `pointer` on, as in the reference (`queue[:, ptr:ptr+B] = k.T`),
 * so the order of rows is not the age order; {@link KeyQueue.newest} returns rows by age.
 * The ring wraps around, so K need not be a multiple of the batch size.
 */
export class KeyQueue {
  /** K × D keys. Replaced (old tensor disposed) on every enqueue; never part of a gradient tape. */
  keys: tf.Tensor2D;
  /** Next row to overwrite. */
  pointer = 0;
  /** Total number of keys enqueued so far (the reference's `total_sk_seen`). */
  seen = 0;

  private constructor(keys: tf.Tensor2D) {
    this.keys = keys;
  }

  /**
   * A queue filled with `initial` rows (the reference fills it with normalised Gaussian vectors;
   * pass `randomUnitVectors(K, D, random).data` from `@halp/hypersphere`).
   */
  static fromRows(initial: Float32Array | Float64Array, capacity: number, dimension: number): KeyQueue {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`KeyQueue capacity must be a positive integer, got ${capacity}`);
    }
    if (initial.length !== capacity * dimension) {
      throw new RangeError(
        `KeyQueue initial rows: expected ${capacity}×${dimension} = ${capacity * dimension} values, got ${initial.length}`,
      );
    }
    return new KeyQueue(tf.tensor2d(Float32Array.from(initial), [capacity, dimension]));
  }

  get capacity(): number {
    return this.keys.shape[0];
  }

  get dimension(): number {
    return this.keys.shape[1];
  }

  /** Writes a batch of keys (B × D, B ≤ K) at the pointer and advances it. */
  enqueue(batch: tf.Tensor2D): void {
    const [rows, columns] = batch.shape;
    if (columns !== this.dimension || rows > this.capacity) {
      throw new RangeError(
        `KeyQueue.enqueue: expected at most ${this.capacity} rows of ${this.dimension}, got ${rows}×${columns}`,
      );
    }
    const start = this.pointer;
    const end = start + rows;
    const updated = tf.tidy(() => {
      const capacity = this.capacity;
      if (end <= capacity) {
        const parts: tf.Tensor2D[] = [];
        if (start > 0) parts.push(tf.slice(this.keys, [0, 0], [start, -1]));
        parts.push(batch);
        if (end < capacity) parts.push(tf.slice(this.keys, [end, 0], [capacity - end, -1]));
        return tf.concat2d(parts, 0);
      }
      // Wrap around: the batch's tail goes to the front of the buffer.
      const headRows = capacity - start;
      const wrapped = end - capacity;
      return tf.concat2d(
        [
          tf.slice(batch, [headRows, 0], [wrapped, -1]),
          tf.slice(this.keys, [wrapped, 0], [start - wrapped, -1]),
          tf.slice(batch, [0, 0], [headRows, -1]),
        ],
        0,
      );
    });
    this.keys.dispose();
    this.keys = updated;
    this.pointer = end % this.capacity;
    this.seen += rows;
  }

  /** The `count` most recently written rows, oldest first (the reference's `np.roll(...)[-count:]`). */
  newest(count: number): tf.Tensor2D {
    if (!Number.isInteger(count) || count < 1 || count > this.capacity) {
      throw new RangeError(`KeyQueue.newest: count must be in [1, ${this.capacity}], got ${count}`);
    }
    return tf.tidy(() => {
      const start = this.pointer - count;
      if (start >= 0) return tf.slice(this.keys, [start, 0], [count, -1]);
      return tf.concat2d(
        [
          tf.slice(this.keys, [this.capacity + start, 0], [-start, -1]),
          tf.slice(this.keys, [0, 0], [this.pointer, -1]),
        ],
        0,
      );
    });
  }

  /** Saves the queue for a checkpoint. */
  async snapshot(): Promise<KeyQueueSnapshot> {
    return {
      keys: (await this.keys.data()) as Float32Array,
      capacity: this.capacity,
      dimension: this.dimension,
      pointer: this.pointer,
      seen: this.seen,
    };
  }

  /** Rebuilds a queue from {@link snapshot}; it continues exactly where the saved one stopped. */
  static restore(snapshot: KeyQueueSnapshot): KeyQueue {
    const queue = KeyQueue.fromRows(snapshot.keys, snapshot.capacity, snapshot.dimension);
    queue.pointer = snapshot.pointer;
    queue.seen = snapshot.seen;
    return queue;
  }

  dispose(): void {
    this.keys.dispose();
  }
}

export interface KeyQueueSnapshot {
  readonly keys: Float32Array;
  readonly capacity: number;
  readonly dimension: number;
  readonly pointer: number;
  readonly seen: number;
}
