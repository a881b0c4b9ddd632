import type { Clip } from '../clip.js';
import { checkedAccessor, type SkeletonDataset } from './dataset.js';

/** Processed arrays held in memory: the contents of one `<part>_*` file triple. */
export interface ProcessedArrays {
  /** N × C × T × V × M float32, C-order. */
  readonly data: Float32Array;
  readonly shape: {
    readonly count: number;
    readonly channels: number;
    readonly frames: number;
    readonly joints: number;
    readonly bodies: number;
  };
  readonly validFrames: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  readonly names: readonly string[];
}

/**
 * A {@link SkeletonDataset} over in-memory arrays (the synthetic dataset, tests, small data).
 * Clips are views into `data`, not copies.
 */
export function inMemoryDataset(arrays: ProcessedArrays): SkeletonDataset {
  const { count, channels, frames, joints, bodies } = arrays.shape;
  const clipSize = channels * frames * joints * bodies;
  if (arrays.data.length !== count * clipSize) {
    throw new RangeError(`data holds ${arrays.data.length} values, expected ${count} clips of ${clipSize}`);
  }
  for (const [field, length] of [
    ['validFrames', arrays.validFrames.length],
    ['labels', arrays.labels.length],
    ['names', arrays.names.length],
  ] as const) {
    if (length !== count) throw new RangeError(`${field} has ${length} entries, expected ${count}`);
  }
  return {
    length: count,
    clip: checkedAccessor(
      count,
      (index): Clip => ({
        data: arrays.data.subarray(index * clipSize, (index + 1) * clipSize),
        channels,
        frames,
        joints,
        bodies,
      }),
    ),
    validFrames: checkedAccessor(count, (index) => arrays.validFrames[index]!),
    label: checkedAccessor(count, (index) => arrays.labels[index]!),
    name: checkedAccessor(count, (index) => arrays.names[index]!),
  };
}
