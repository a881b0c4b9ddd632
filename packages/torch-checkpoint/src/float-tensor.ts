import type { NamedArray } from './named-array.js';
import { fail, orFail } from './read-failure.js';
import type { ReferencePart } from './reference-bigru-names.js';
import { readTensor, type TorchCheckpoint } from './torch-checkpoint.js';
import type { TorchTensor } from './torch-tensor.js';

/** A tensor's values as float32 (integer tensors are refused where weights are expected). */
export async function floatTensor(
  checkpoint: TorchCheckpoint,
  name: string,
  tensor: TorchTensor,
): Promise<NamedArray> {
  const { data, shape, dtype } = orFail(await readTensor(checkpoint, tensor)());
  if (data instanceof Float32Array) return { shape, data };
  if (data instanceof Float64Array) return { shape, data: Float32Array.from(data) };
  return fail(
    'torch-checkpoint',
    checkpoint.source.name,
    `state_dict['${name}']`,
    'a floating-point tensor',
    dtype,
  );
}

/** `array` when it has halp's `shape`; otherwise a failure naming the PyTorch tensors it came from. */
export function checkedShape(
  array: NamedArray,
  shape: readonly number[],
  parts: readonly ReferencePart[],
  file: string,
): NamedArray {
  if (array.shape.length !== shape.length || array.shape.some((size, i) => size !== shape[i])) {
    fail(
      'torch-checkpoint',
      file,
      parts.map((part) => part.name).join(' + '),
      `shapes giving [${shape}] for this BiGRU`,
      `[${array.shape}]`,
    );
  }
  return array;
}
