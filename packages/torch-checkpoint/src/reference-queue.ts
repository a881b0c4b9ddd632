import { floatTensor } from './float-tensor.js';
import { transpose } from './named-array.js';
import { fail, orFail } from './read-failure.js';
import { readTensor, type TorchCheckpoint } from './torch-checkpoint.js';
import { elementCount, type TorchTensor } from './torch-tensor.js';

/** The MoCo key queue: K keys as rows (the reference stores them as columns, `queue` [E, K]). */
export interface ImportedQueue {
  readonly keys: Float32Array;
  readonly capacity: number;
  readonly dimension: number;
  /** Next row to overwrite (`queue_ptr`). */
  readonly pointer: number;
}

/** The reference's `queue` [E, K] and `queue_ptr` (`queue_motion`, … for CMD's streams), or null when absent. */
export async function referenceQueue(
  checkpoint: TorchCheckpoint,
  state: ReadonlyMap<string, TorchTensor>,
  names: { readonly keys: string; readonly pointer: string },
  dimension: number,
): Promise<ImportedQueue | null> {
  const file = checkpoint.source.name;
  const keys = state.get(names.keys);
  const pointer = state.get(names.pointer);
  if (keys === undefined || pointer === undefined) return null;
  if (keys.shape.length !== 2 || keys.shape[0] !== dimension) {
    fail(
      'torch-checkpoint',
      file,
      `state_dict['${names.keys}']`,
      `a queue [${dimension}, K]`,
      `[${keys.shape}]`,
    );
  }
  const columns = await floatTensor(checkpoint, names.keys, keys);
  const value = orFail(await readTensor(checkpoint, pointer)()).data[0];
  const capacity = keys.shape[1]!;
  const position = typeof value === 'bigint' ? Number(value) : Number.NaN;
  if (elementCount(pointer.shape) !== 1 || !(position >= 0 && position < capacity)) {
    fail(
      'torch-checkpoint',
      file,
      `state_dict['${names.pointer}']`,
      `one integer in [0, ${capacity})`,
      String(value),
    );
  }
  return { keys: transpose(columns).data, capacity, dimension, pointer: position };
}
