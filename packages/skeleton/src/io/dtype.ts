/**
 * Element types of NumPy arrays that this package reads and writes, with the typed array that holds
 * each one in memory. Names follow NumPy (`np.float32`, `np.int64`, `np.bool_` as `bool`).
 */
export type DtypeName =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

/** The in-memory container of each dtype. `bool` is a `Uint8Array` holding only 0 and 1. */
export interface TypedArrayOf {
  bool: Uint8Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** NumPy's one-letter kind code (`b` bool, `i` signed, `u` unsigned, `f` float). */
export type DtypeKind = 'b' | 'i' | 'u' | 'f';

interface DtypeInfo<E extends DtypeName> {
  readonly kind: DtypeKind;
  readonly itemSize: 1 | 2 | 4 | 8;
  readonly view: (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArrayOf[E];
}

const DTYPES: { readonly [E in DtypeName]: DtypeInfo<E> } = {
  bool: { kind: 'b', itemSize: 1, view: (b, o, n) => new Uint8Array(b, o, n) },
  int8: { kind: 'i', itemSize: 1, view: (b, o, n) => new Int8Array(b, o, n) },
  uint8: { kind: 'u', itemSize: 1, view: (b, o, n) => new Uint8Array(b, o, n) },
  int16: { kind: 'i', itemSize: 2, view: (b, o, n) => new Int16Array(b, o, n) },
  uint16: { kind: 'u', itemSize: 2, view: (b, o, n) => new Uint16Array(b, o, n) },
  int32: { kind: 'i', itemSize: 4, view: (b, o, n) => new Int32Array(b, o, n) },
  uint32: { kind: 'u', itemSize: 4, view: (b, o, n) => new Uint32Array(b, o, n) },
  int64: { kind: 'i', itemSize: 8, view: (b, o, n) => new BigInt64Array(b, o, n) },
  uint64: { kind: 'u', itemSize: 8, view: (b, o, n) => new BigUint64Array(b, o, n) },
  float32: { kind: 'f', itemSize: 4, view: (b, o, n) => new Float32Array(b, o, n) },
  float64: { kind: 'f', itemSize: 8, view: (b, o, n) => new Float64Array(b, o, n) },
};

export const DTYPE_NAMES = Object.keys(DTYPES) as readonly DtypeName[];

export function itemSize(dtype: DtypeName): number {
  return DTYPES[dtype].itemSize;
}

export function dtypeKind(dtype: DtypeName): DtypeKind {
  return DTYPES[dtype].kind;
}

/** A typed array of `dtype` over `length` elements of `buffer` (no copy). */
export function typedArrayView<E extends DtypeName>(
  dtype: E,
  buffer: ArrayBuffer,
  byteOffset: number,
  length: number,
): TypedArrayOf[E] {
  return DTYPES[dtype].view(buffer, byteOffset, length);
}

/** The dtype with NumPy's `kind` code and item size (`('f', 4)` → `float32`), if this package has it. */
export function dtypeFromKind(kind: string, size: number): DtypeName | undefined {
  return DTYPE_NAMES.find((name) => DTYPES[name].kind === kind && DTYPES[name].itemSize === size);
}

/**
 * NumPy's `descr` string, e.g. `<f4`, `>i8`, `|u1`: byte order (`|` for one-byte types, where order
 * does not apply), kind, item size.
 */
export function formatDescr(dtype: DtypeName, littleEndian: boolean): string {
  const { kind, itemSize: size } = DTYPES[dtype];
  const order = size === 1 ? '|' : littleEndian ? '<' : '>';
  return `${order}${kind}${size}`;
}

/** Byte order of this machine, the order of every typed array it creates. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
