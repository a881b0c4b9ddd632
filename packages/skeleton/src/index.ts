// @halp/skeleton: skeleton data — layouts, readers and writers for the files users have (NTU, PKU,
// NumPy .npy, pickle), the references' preprocessing, augmentations, modalities, datasets and a
// synthetic action dataset.

export * from './augment/index.js';
export type { Clip, ClipShape } from './clip.js';
export { clipIndex, emptyClip } from './clip.js';
export * from './dataset/index.js';
export * from './io/index.js';
export * from './layouts/index.js';
export * from './modalities/index.js';
export * from './prepare/index.js';
export * from './raw/index.js';
export * from './synthetic/index.js';
