export {
  type Batch,
  type Batcher,
  type BatcherOptions,
  createBatcher,
  type Sample,
  type SampleTransform,
} from './batcher.js';
export { checkIndex, datasetLabels, type SkeletonDataset } from './dataset.js';
export { inMemoryDataset, type ProcessedArrays } from './in-memory-dataset.js';
export { type NpyDataset, openNpyDataset } from './npy-dataset.js';
export { type Part, type ProcessedFiles, processedFiles } from './processed-files.js';
export { balancedSubset, randomSubset, subsetDataset } from './subset.js';
