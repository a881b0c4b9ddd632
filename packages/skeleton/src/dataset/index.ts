export {
  type Batch,
  type Batcher,
  type BatcherOptions,
  createBatcher,
  type Sample,
  type SampleTransform,
} from './batcher.js';
export { checkIndex, datasetLabels, type SkeletonDataset } from './dataset.js';
export { clipPosition, firstNonFinite } from './finite-values.js';
export { inMemoryDataset, type ProcessedArrays } from './in-memory-dataset.js';
export type { Part } from './part.js';
export { balancedSubset, randomSubset, subsetDataset } from './subset.js';
