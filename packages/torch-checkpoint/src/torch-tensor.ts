import type { PickleValue } from '@halp/skeleton';

/** Element types of PyTorch storages this reader decodes. */
export type TorchDtype =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

export const DTYPE_BYTES: Readonly<Record<TorchDtype, number>> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** A storage a tensor points at: the archive entry `data/<key>` holding `numel` elements. */
export interface TorchStorage {
  readonly key: string;
  readonly dtype: TorchDtype;
  /** Where it lived when saved (`cpu`, `cuda:0`); the bytes are the same, and are read as CPU. */
  readonly location: string;
  readonly numel: number;
}

/**
 * A tensor of a checkpoint, not yet read: a strided view of a storage (PyTorch's
 * `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)`). Read its values with
 * `readTensor`.
 */
export interface TorchTensor {
  readonly kind: 'torch.Tensor';
  readonly dtype: TorchDtype;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly storageOffset: number;
  readonly storage: TorchStorage;
}

/** The values of a tensor, contiguous (row-major) in `shape`. */
export interface TensorData {
  readonly dtype: TorchDtype;
  readonly shape: readonly number[];
  readonly data:
    | Float32Array
    | Float64Array
    | BigInt64Array
    | Int32Array
    | Int16Array
    | Int8Array
    | Uint8Array;
}

/** Whether a value of the checkpoint's pickle is a tensor. */
export function isTorchTensor(value: PickleValue | undefined): value is PickleValue & { value: TorchTensor } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    value.kind === 'extension' &&
    value.type === 'torch.Tensor'
  );
}

/** The tensor a pickle value holds (see {@link isTorchTensor}). */
export function tensorOf(value: PickleValue & { value: TorchTensor }): TorchTensor {
  return value.value;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}
