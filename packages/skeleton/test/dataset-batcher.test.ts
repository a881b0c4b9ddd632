import { createRandom, uniform } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Batch, createBatcher, type Sample } from '../src/dataset/index.js';
import { tinyDataset } from './dataset-support.js';

/** Item = (sample index, one draw from the sample's own stream). */
const tag = (sample: Sample, random: { nextFloat(): number }) => ({
  index: sample.index,
  draw: random.nextFloat(),
});

async function collect<T>(batches: AsyncIterable<Batch<T>>): Promise<Batch<T>[]> {
  const result: Batch<T>[] = [];
  for await (const batch of batches) result.push(batch);
  return result;
}

describe('createBatcher', () => {
  it('visits every sample exactly once per epoch, in batches of batchSize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer(),
        async (count, batchSize, prefetch, seed) => {
          const batcher = createBatcher(tinyDataset(count), {
            batchSize,
            random: createRandom(seed),
            transform: tag,
            prefetch,
          });
          const batches = await collect(batcher.epoch(0));
          expect(batches.length).toBe(batcher.batchesPerEpoch);
          expect(batches.length).toBe(Math.ceil(count / batchSize));
          batches.slice(0, -1).forEach((batch) => {
            expect(batch.items.length).toBe(batchSize);
          });
          const seen = batches.flatMap((batch) => Array.from(batch.indices)).sort((a, b) => a - b);
          expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
          for (const batch of batches) {
            batch.items.forEach((item, k) => {
              expect(item.index).toBe(batch.indices[k]);
              expect(batch.labels[k]).toBe(item.index % 3);
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('drops the last incomplete batch with dropLast', async () => {
    const batcher = createBatcher(tinyDataset(10), {
      batchSize: 4,
      random: createRandom(1),
      transform: tag,
      dropLast: true,
    });
    const batches = await collect(batcher.epoch(0));
    expect(batches.map((batch) => batch.items.length)).toEqual([4, 4]);
  });

  it('gives the same batches for the same seed and epoch whatever the prefetch depth', async () => {
    const make = (prefetch: number, seed = 5) =>
      createBatcher(tinyDataset(23), { batchSize: 5, random: createRandom(seed), transform: tag, prefetch });
    const reference = await collect(make(0).epoch(3));
    for (const prefetch of [1, 2, 8]) expect(await collect(make(prefetch).epoch(3))).toEqual(reference);
    expect(await collect(make(2, 6).epoch(3))).not.toEqual(reference);
    expect(await collect(make(2).epoch(4))).not.toEqual(reference);
  });

  it('gives each sample a stream that depends on seed, epoch and index only', async () => {
    const draws = async (batchSize: number, shuffle: boolean) => {
      const batcher = createBatcher(tinyDataset(12), {
        batchSize,
        random: createRandom(8),
        transform: tag,
        shuffle,
      });
      const byIndex = new Map<number, number>();
      for (const batch of await collect(batcher.epoch(1)))
        for (const item of batch.items) byIndex.set(item.index, item.draw);
      return byIndex;
    };
    expect(await draws(5, true)).toEqual(await draws(3, false));
  });

  it('keeps dataset order without shuffle and does not consume the seed stream', async () => {
    const random = createRandom(2);
    const state = random.state();
    const batcher = createBatcher(tinyDataset(7), { batchSize: 3, random, transform: tag, shuffle: false });
    const batches = await collect(batcher.epoch(0));
    expect(batches.flatMap((batch) => Array.from(batch.indices))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(random.state()).toEqual(state);
    // Drawing from the caller's stream afterwards does not change the batcher.
    uniform(random);
    expect(await collect(batcher.epoch(0))).toEqual(batches);
  });

  it('prepares batches ahead while the consumer awaits', async () => {
    let prepared = 0;
    const batcher = createBatcher(tinyDataset(20), {
      batchSize: 2,
      random: createRandom(3),
      prefetch: 3,
      transform: (sample) => {
        prepared += 1;
        return sample.index;
      },
    });
    const iterator = batcher.epoch(0);
    await iterator.next();
    // Let the event loop run: the prefetched batches get built without being asked for.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(prepared).toBe(2 * (1 + 3));
    await iterator.return(undefined);
  });

  it('reports a failing transform at the batch that failed', async () => {
    const batcher = createBatcher(tinyDataset(6), {
      batchSize: 2,
      random: createRandom(3),
      shuffle: false,
      transform: (sample) => {
        if (sample.index === 3) throw new Error('broken sample 3');
        return sample.index;
      },
    });
    const iterator = batcher.epoch(0);
    expect((await iterator.next()).value?.items).toEqual([0, 1]);
    await expect(iterator.next()).rejects.toThrow('broken sample 3');
  });

  it('rejects invalid sizes', () => {
    expect(() =>
      createBatcher(tinyDataset(2), { batchSize: 0, random: createRandom(1), transform: tag }),
    ).toThrow(RangeError);
    expect(() =>
      createBatcher(tinyDataset(2), { batchSize: 1, prefetch: -1, random: createRandom(1), transform: tag }),
    ).toThrow(RangeError);
  });
});
