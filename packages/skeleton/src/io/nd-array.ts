import type { DtypeName, TypedArrayOf } from './dtype.js';
import { elementCount, formatShape } from './shape.js';

interface NdArrayWith<E extends DtypeName> {
  readonly dtype: E;
  readonly shape: readonly number[];
  /** The elements in C (row-major) order and this machine's byte order. */
  readonly data: TypedArrayOf[E];
}

/**
 * An n-dimensional array in memory. `NdArray<'float32'>` holds a `Float32Array`; plain `NdArray` is
 * the union over all dtypes, where checking `dtype` narrows `data` (`'int64'` → `BigInt64Array`).
 * Whatever order a file stored the elements in, `data` is C order in host byte order.
 */
export type NdArray<E extends DtypeName = DtypeName> = { [D in E]: NdArrayWith<D> }[E];

/**
 * Builds an array, checking that `data` has exactly as many elements as `shape` describes.
 * @throws RangeError on a negative or non-integer dimension or a length mismatch (a programming
 * error, not bad input).
 */
export function ndArray<E extends DtypeName>(
  dtype: E,
  shape: readonly number[],
  data: TypedArrayOf[E],
): NdArray<E> {
  for (const dimension of shape) {
    if (!Number.isSafeInteger(dimension) || dimension < 0) {
      throw new RangeError(`shape ${formatShape(shape)}: dimensions must be non-negative integers`);
    }
  }
  const count = elementCount(shape);
  if (data.length !== count) {
    throw new RangeError(`shape ${formatShape(shape)} needs ${count} elements, data has ${data.length}`);
  }
  // Sound: for each D in E the object is an NdArrayWith<D>; TypeScript cannot distribute over generic E.
  return { dtype, shape: [...shape], data } as unknown as NdArray<E>;
}
