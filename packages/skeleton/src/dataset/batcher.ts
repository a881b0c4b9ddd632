import { forkRandom, permutation, type Random, restoreRandom } from '@halp/random';
import type { Clip } from '../clip.js';
import type { SkeletonDataset } from './dataset.js';

/** One sample as a transform sees it. */
export interface Sample {
  readonly index: number;
  readonly clip: Clip;
  readonly validFrames: number;
  readonly label: number;
  readonly name: string;
}

/**
 * Turns a sample into a training item (e.g. two augmented views). `random` is the sample's own
 * stream, derived from the batcher's seed, the epoch and the sample index only, so the item does
 * not depend on batch composition, prefetch depth or scheduling.
 */
export type SampleTransform<T> = (sample: Sample, random: Random) => T;

export interface Batch<T> {
  /** Dataset indices of the samples, in batch order. */
  readonly indices: Int32Array;
  readonly items: readonly T[];
  readonly labels: Int32Array;
}

export interface BatcherOptions<T> {
  readonly batchSize: number;
  /** Seed stream; its state is captured when the batcher is created and never advanced. */
  readonly random: Random;
  readonly transform: SampleTransform<T>;
  /** Batches prepared ahead of the consumer (default 2; 0 prepares each batch on demand). */
  readonly prefetch?: number;
  /** Drop a final incomplete batch (default false). */
  readonly dropLast?: boolean;
  /** Visit samples in a fresh random order each epoch (default true); false keeps dataset order. */
  readonly shuffle?: boolean;
}

export interface Batcher<T> {
  readonly batchesPerEpoch: number;
  /** The batches of epoch `epoch` (0-based); the same epoch number always gives the same batches. */
  epoch(epoch: number): AsyncGenerator<Batch<T>, void, undefined>;
}

/**
 * A seeded, shuffling batcher that prepares batches ahead of consumption. Preparation runs in
 * `setImmediate` callbacks, so it fills the gaps while the consumer awaits (e.g. GPU work of a
 * training step) instead of sitting on the step's critical path.
 *
 * Determinism: the epoch order is a permutation drawn from fork(seed, "epoch e order"); sample i's
 * transform stream is fork(fork(seed, "epoch e samples"), "i").
 */
export function createBatcher<T>(dataset: SkeletonDataset, options: BatcherOptions<T>): Batcher<T> {
  const { batchSize, transform, prefetch = 2, dropLast = false, shuffle = true } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1, got ${batchSize}`);
  if (!Number.isInteger(prefetch) || prefetch < 0)
    throw new RangeError(`prefetch must be ≥ 0, got ${prefetch}`);
  const seed = restoreRandom(options.random.state());
  const batchesPerEpoch = dropLast
    ? Math.floor(dataset.length / batchSize)
    : Math.ceil(dataset.length / batchSize);

  function buildBatch(order: Int32Array, samplesRandom: Random, batch: number): Batch<T> {
    const indices = order.slice(batch * batchSize, Math.min((batch + 1) * batchSize, order.length));
    const labels = new Int32Array(indices.length);
    const items = Array.from(indices, (index, position) => {
      const sample: Sample = {
        index,
        clip: dataset.clip(index),
        validFrames: dataset.validFrames(index),
        label: dataset.label(index),
        name: dataset.name(index),
      };
      labels[position] = sample.label;
      return transform(sample, forkRandom(samplesRandom, String(index)));
    });
    return { indices, items, labels };
  }

  async function* epoch(epochNumber: number): AsyncGenerator<Batch<T>, void, undefined> {
    const order = shuffle
      ? permutation(forkRandom(seed, `epoch ${epochNumber} order`), dataset.length)
      : Int32Array.from({ length: dataset.length }, (_, i) => i);
    const samplesRandom = forkRandom(seed, `epoch ${epochNumber} samples`);
    const build = (batch: number) => buildBatch(order, samplesRandom, batch);
    if (prefetch === 0) {
      for (let batch = 0; batch < batchesPerEpoch; batch += 1) yield build(batch);
      return;
    }
    let stopped = false;
    const ahead: Promise<Batch<T>>[] = [];
    let scheduled = 0;
    const fillAhead = () => {
      while (ahead.length < prefetch && scheduled < batchesPerEpoch) {
        const batch = scheduled;
        scheduled += 1;
        const prepared = new Promise<Batch<T>>((resolve, reject) => {
          setImmediate(() => {
            if (stopped) return;
            try {
              resolve(build(batch));
            } catch (error) {
              reject(error);
            }
          });
        });
        // A failure is reported when the consumer reaches that batch, not as an unhandled rejection
        // if it stops earlier.
        prepared.catch(() => undefined);
        ahead.push(prepared);
      }
    };
    try {
      fillAhead();
      while (ahead.length > 0) {
        const next = ahead.shift()!;
        fillAhead();
        yield await next;
      }
    } finally {
      stopped = true;
    }
  }

  return { batchesPerEpoch, epoch };
}
