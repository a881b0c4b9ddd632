import type { Clip } from '../clip.js';

/**
 * Random access to a processed skeleton dataset: what the references' feeders read from
 * `<part>_data_joint.npy`, `<part>_num_frame.npy` and `<part>_label.pkl`.
 */
export interface SkeletonDataset {
  readonly length: number;
  /** Clip i, C × T × V × M (3 × 300 × 25 × 2 for NTU); callers must not mutate it. */
  clip(index: number): Clip;
  /** Recorded frames of clip i (`num_frame`; may exceed the stored frames, see `usableFrames`). */
  validFrames(index: number): number;
  /** 0-based class of clip i. */
  label(index: number): number;
  /** Sample name of clip i (`S001C001P001R001A001.skeleton` for NTU). */
  name(index: number): string;
}

/** Throws a RangeError unless `index` addresses a sample of a dataset of `length` samples. */
export function checkIndex(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`sample index ${index} is outside 0..${length - 1}`);
  }
}

/** `read`, guarded by {@link checkIndex}. */
export function checkedAccessor<T>(length: number, read: (index: number) => T): (index: number) => T {
  return (index) => {
    checkIndex(index, length);
    return read(index);
  };
}

/** The labels of every sample of a dataset, in dataset order. */
export function datasetLabels(dataset: SkeletonDataset): Int32Array {
  return Int32Array.from({ length: dataset.length }, (_, i) => dataset.label(i));
}
