/** A named float32 array with its shape. */
export interface StoredTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** What a checkpoint holds: JSON metadata and named float32 arrays. */
export interface CheckpointContents {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly tensors: ReadonlyMap<string, StoredTensor>;
}
