import {
  type CallFailure,
  callFailure,
  type GlobalCall,
  isKind,
  NUMPY_SCALAR_GLOBALS,
  type PickleValue,
  type UnpicklePolicy,
} from '@halp/skeleton';
import { isTorchTensor, type TorchDtype, type TorchStorage, type TorchTensor } from './torch-tensor.js';

/** `torch.<Name>Storage` → element type (`UntypedStorage` holds bytes). */
const STORAGE_TYPES: ReadonlyMap<string, TorchDtype> = new Map([
  ['torch.FloatStorage', 'float32'],
  ['torch.DoubleStorage', 'float64'],
  ['torch.HalfStorage', 'float16'],
  ['torch.BFloat16Storage', 'bfloat16'],
  ['torch.LongStorage', 'int64'],
  ['torch.IntStorage', 'int32'],
  ['torch.ShortStorage', 'int16'],
  ['torch.CharStorage', 'int8'],
  ['torch.ByteStorage', 'uint8'],
  ['torch.BoolStorage', 'bool'],
  ['torch.UntypedStorage', 'uint8'],
]);

/**
 * What a `torch.save` pickle may name: the tensor and parameter rebuilders, the storage types
 * (as tags in persistent ids, never called), `collections.OrderedDict` (a state_dict) and NumPy's
 * scalars (metrics saved next to the weights). Nothing else: `torch.load`'s default unpickler runs
 * any global a file names; this one refuses it with the file and the name.
 */
export const TORCH_CHECKPOINT_POLICY: UnpicklePolicy = {
  content: 'PyTorch checkpoints',
  globals: new Map<string, GlobalCall | null>([
    ['collections.OrderedDict', orderedDict],
    ['torch._utils._rebuild_tensor_v2', rebuildTensor],
    ['torch._utils._rebuild_tensor', rebuildTensor],
    ['torch._utils._rebuild_parameter', rebuildParameter],
    ['torch._utils._rebuild_parameter_with_state', rebuildParameter],
    ...[...STORAGE_TYPES.keys()].map((name) => [name, null] as const),
    ...NUMPY_SCALAR_GLOBALS,
  ]),
  persistentLoad: loadStorage,
};

/** `OrderedDict()`: its items follow (SETITEMS) and its `_metadata` (BUILD). */
function orderedDict(args: readonly PickleValue[]): PickleValue | CallFailure {
  if (args.length !== 0) return callFailure('OrderedDict() without arguments', args[0]);
  return { kind: 'dict', entries: new Map(), attributes: new Map() };
}

/**
 * The persistent id of a storage: `('storage', torch.FloatStorage, '0', 'cuda:0', 1024)`; the
 * legacy format appends a view (`None`: views of storages predate PyTorch 0.4 and are refused).
 */
function loadStorage(id: PickleValue): PickleValue | CallFailure {
  const items = isKind(id, 'tuple') ? id.items : [];
  if (items.length === 6 && items[5] !== null)
    return callFailure('a storage id without a view (None)', items[5]);
  const [tag, type, key, location, numel] = items;
  const dtype = type !== undefined && isKind(type, 'global') ? STORAGE_TYPES.get(type.name) : undefined;
  if (
    tag !== 'storage' ||
    dtype === undefined ||
    typeof key !== 'string' ||
    typeof location !== 'string' ||
    typeof numel !== 'bigint'
  ) {
    return callFailure("a storage id ('storage', torch.<Type>Storage, key, location, numel)", id);
  }
  const storage: TorchStorage = { key, dtype, location, numel: Number(numel) };
  return { kind: 'extension', type: 'torch.Storage', value: storage };
}

/** `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])`. */
function rebuildTensor([storage, offset, size, stride]: readonly PickleValue[]): PickleValue | CallFailure {
  const expected = '_rebuild_tensor_v2(storage, offset, size tuple, stride tuple, …)';
  if (storage === undefined || !isKind(storage, 'extension') || storage.type !== 'torch.Storage') {
    return callFailure(expected, storage);
  }
  const shape = naturals(size);
  const strides = naturals(stride);
  if (typeof offset !== 'bigint' || offset < 0n || shape === null || strides === null) {
    return callFailure(expected, size);
  }
  if (strides.length !== shape.length) return callFailure(`a stride per dimension of [${shape}]`, stride);
  const source = storage.value as TorchStorage;
  const tensor: TorchTensor = {
    kind: 'torch.Tensor',
    dtype: source.dtype,
    shape,
    stride: strides,
    storageOffset: Number(offset),
    storage: source,
  };
  return { kind: 'extension', type: 'torch.Tensor', value: tensor };
}

/** `_rebuild_parameter(data, requires_grad, hooks)`: a Parameter is its tensor here. */
function rebuildParameter([data]: readonly PickleValue[]): PickleValue | CallFailure {
  return isTorchTensor(data) ? data : callFailure('_rebuild_parameter(tensor, …)', data);
}

function naturals(value: PickleValue | undefined): number[] | null {
  if (value === undefined || !isKind(value, 'tuple')) return null;
  const numbers = value.items.map((item) =>
    typeof item === 'bigint' && item >= 0n && item <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(item) : -1,
  );
  return numbers.includes(-1) ? null : numbers;
}
