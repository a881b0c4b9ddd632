import type { SyntheticDataset } from './generate.js';

export type SyntheticBenchmark = 'xsub' | 'xview';

export interface SplitIndices {
  readonly train: Int32Array;
  readonly val: Int32Array;
}

/**
 * NTU-style evaluation splits of a synthetic dataset. Cross-subject: odd-numbered performers train,
 * even-numbered ones are held out. Cross-view: cameras 2, 3, … train, camera 1 is held out (as in
 * NTU-60, where camera 1 is the test view). Either way no performer (respectively camera) appears on
 * both sides.
 */
export function syntheticSplit(dataset: SyntheticDataset, benchmark: SyntheticBenchmark): SplitIndices {
  const isTrain = (n: number) =>
    benchmark === 'xsub' ? dataset.performers[n]! % 2 === 1 : dataset.cameras[n]! !== 1;
  const train: number[] = [];
  const val: number[] = [];
  for (let n = 0; n < dataset.shape.count; n += 1) (isTrain(n) ? train : val).push(n);
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}
