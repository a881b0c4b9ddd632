// @halp/skeleton/node: the parts of @halp/skeleton that read and write files (Node only). The root
// entry keeps everything that works on bytes and arrays, so it also runs in the browser.

export { type NpyDataset, openNpyDataset } from './dataset/npy-dataset.js';
export { type ProcessedFiles, processedFiles } from './dataset/processed-files.js';
export { writeFileAtomic } from './io/atomic-file.js';
export { readLabelPickle, writeLabelPickle } from './io/label-pickle-file.js';
export { type NpyFile, type OpenNpyOptions, openNpy, openNpySync } from './io/npy-file.js';
export { writeNpy } from './io/npy-write.js';
export { createNpyWriter, type NpyWriter } from './io/npy-writer.js';
export { type ReadNpyOptions, readNpy } from './io/read-npy.js';
export { type PreparedPart, type PrepareOptions, type PrepareProgress, prepare } from './prepare/prepare.js';
export {
  readMissingSkeletonList,
  readNtuSkeleton,
  readPkuLabels,
  readPkuSkeleton,
  readSplitList,
} from './raw/raw-files.js';
export { writeSyntheticDataset } from './synthetic/write.js';
