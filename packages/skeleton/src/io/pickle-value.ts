import type { DtypeName } from './dtype.js';

/**
 * A Python value rebuilt from a pickle, limited to what label files and checkpoints contain. Python
 * `int` is a `bigint` (arbitrary precision, and distinguishable from `float`, which is a `number`);
 * `str` is a `string`; `bytes` a `Uint8Array`; `list` a JavaScript array; `None` is `null`; `dict`
 * (and `collections.OrderedDict`) a {@link PickleDict}; what an {@link UnpicklePolicy}'s globals
 * build (a tensor, a storage) a {@link PickleExtension}.
 */
export type PickleValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | PickleGlobal
  | NumpyDtype
  | NumpyScalar
  | PickleDict
  | PickleExtension;

/** The hashable values this reader accepts as dict keys (Python `str`, `int`, `float`, `bool`, `None`). */
export type PickleKey = string | bigint | number | boolean | null;

/** A Python `dict` or `collections.OrderedDict`, in insertion order. */
export interface PickleDict {
  readonly kind: 'dict';
  readonly entries: Map<PickleKey, PickleValue>;
  /** Instance attributes set by pickle `BUILD` (a state_dict's `_metadata`), empty for plain dicts. */
  readonly attributes: Map<string, PickleValue>;
}

/** An object built by a policy's global or persistent-id hook; `type` says what `value` holds. */
export interface PickleExtension {
  readonly kind: 'extension';
  readonly type: string;
  readonly value: unknown;
}

export interface PickleTuple {
  readonly kind: 'tuple';
  readonly items: readonly PickleValue[];
}

/** One of the callables a pickle may name (see `ALLOWED_GLOBALS`), not yet called. */
export interface PickleGlobal {
  readonly kind: 'global';
  readonly name: string;
}

/** A `numpy.dtype` object. NumPy sets its byte order after creation (pickle `BUILD`). */
export interface NumpyDtype {
  readonly kind: 'numpy.dtype';
  readonly dtype: DtypeName;
  littleEndian: boolean;
}

/** A NumPy scalar (`np.int64(3)`, `np.float64(59.0)`); 64-bit integers are `bigint`. */
export interface NumpyScalar {
  readonly kind: 'numpy.scalar';
  readonly dtype: DtypeName;
  readonly value: number | bigint;
}

export function tuple(items: readonly PickleValue[]): PickleTuple {
  return { kind: 'tuple', items };
}

export function emptyDict(): PickleDict {
  return { kind: 'dict', entries: new Map(), attributes: new Map() };
}

/** Whether a value can be a dict key here (tuples and other hashables are refused, not guessed). */
export function isPickleKey(value: PickleValue): value is PickleKey {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'bigint' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

type Tagged = Extract<PickleValue, { readonly kind: string }>;

/** Whether `value` is the tagged object of this `kind` (a tuple, a NumPy scalar, …). */
export function isKind<K extends Tagged['kind']>(
  value: PickleValue,
  kind: K,
): value is Extract<Tagged, { kind: K }> {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === kind;
}

/** Short description of a value's Python type, for error messages. */
export function pythonTypeName(value: PickleValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (value.kind === 'global') return value.name;
  if (value.kind === 'numpy.scalar') return `numpy.${value.dtype}`;
  if (value.kind === 'extension') return value.type;
  return value.kind;
}

/** A short Python-like rendering of a value for error messages: `'<'`, `(3, '<', None)`, `bytes[8]`. */
export function pythonRepr(value: PickleValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (value instanceof Uint8Array) return `bytes[${value.length}]`;
  if (Array.isArray(value)) return `list[${value.length}]`;
  if (value.kind === 'tuple')
    return `(${value.items.map(pythonRepr).join(', ')}${value.items.length === 1 ? ',' : ''})`;
  if (value.kind === 'numpy.scalar') return `numpy.${value.dtype}(${value.value})`;
  if (value.kind === 'dict') return `dict[${value.entries.size}]`;
  return pythonTypeName(value);
}
