import type { DtypeName } from './dtype.js';

/**
 * A Python value rebuilt from a pickle, limited to what label files contain. Python `int` is a
 * `bigint` (arbitrary precision, and distinguishable from `float`, which is a `number`); `str` is a
 * `string`; `bytes` a `Uint8Array`; `list` a JavaScript array; `None` is `null`.
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
  | NumpyScalar;

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
  return pythonTypeName(value);
}
