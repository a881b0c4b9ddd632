import { type DataFileError, dataFileError, isKind, type PickleDict, type PickleValue } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import type { TorchCheckpoint } from './torch-checkpoint.js';
import { isTorchTensor, type TorchTensor } from './torch-tensor.js';

/**
 * The `state_dict` of a checkpoint, name → tensor in the saved order: `checkpoint['state_dict']`
 * as the references' training scripts save it, or the root itself when the file is a bare
 * `torch.save(model.state_dict())`. Entries that are not tensors are refused, naming them.
 */
export function stateDict(checkpoint: TorchCheckpoint): E.Either<DataFileError, Map<string, TorchTensor>> {
  const file = checkpoint.source.name;
  const { root } = checkpoint;
  const nested = isKind(root, 'dict') ? root.entries.get('state_dict') : undefined;
  const dict = nested !== undefined ? nested : root;
  const where = nested !== undefined ? "['state_dict']" : 'top level';
  if (!isKind(dict, 'dict')) {
    return E.left(
      dataFileError(
        'torch-checkpoint',
        file,
        where,
        "a state_dict (a dict of tensors) or {'state_dict': …}",
        describe(dict),
      ),
    );
  }
  const tensors = new Map<string, TorchTensor>();
  for (const [name, value] of dict.entries) {
    if (typeof name !== 'string' || !isTorchTensor(value)) {
      return E.left(
        dataFileError(
          'torch-checkpoint',
          file,
          `${where}[${String(name)}]`,
          'a tensor under a str name',
          describe(value),
        ),
      );
    }
    tensors.set(name, value.value);
  }
  return E.right(tensors);
}

/** `checkpoint[key]` when the root is a dict. */
export function rootEntry(checkpoint: TorchCheckpoint, key: string): PickleValue | undefined {
  return isKind(checkpoint.root, 'dict') ? checkpoint.root.entries.get(key) : undefined;
}

export function asDict(value: PickleValue | undefined): PickleDict | undefined {
  return value !== undefined && isKind(value, 'dict') ? value : undefined;
}

function describe(value: PickleValue): string {
  if (isKind(value, 'dict')) return `a dict of ${value.entries.size} entries`;
  if (typeof value === 'object' && value !== null && 'kind' in value)
    return value.kind === 'extension' ? value.type : value.kind;
  return typeof value;
}
