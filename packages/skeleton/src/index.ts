// @halp/skeleton: Skeleton data: layouts, NTU/PKU readers, NumPy .npy and pickle I/O, reference preprocessing, augmentations and a synthetic action dataset.
export {};
