import * as E from 'fp-ts/lib/Either.js';
import { reverseAxes } from './axis-order.js';
import { swapByteOrderInPlace } from './byte-order.js';
import { type DtypeName, formatDescr, HOST_LITTLE_ENDIAN, itemSize, typedArrayView } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';
import { type NdArray, ndArray } from './nd-array.js';
import { elementCount } from './shape.js';

/** How a block of `.npy` element bytes is stored. */
export interface StoredLayout {
  readonly dtype: DtypeName;
  readonly littleEndian: boolean;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
}

/**
 * Turns stored element bytes into an {@link NdArray} in C order and host byte order. Takes
 * ownership of `bytes`: the result views them and byte-swapping happens in place, so callers pass a
 * buffer nobody else uses (one read, no extra copy for the common C-order, host-order case). Bytes
 * not aligned for the dtype are copied. Reorders only Fortran-order data with two or more axes.
 * Bool bytes other than 0 and 1 are an error (NumPy never writes them), reported at
 * `firstByte` + their offset.
 */
export function decodeElements(
  bytes: Uint8Array,
  layout: StoredLayout,
  file: string,
  firstByte: number,
): E.Either<DataFileError, NdArray> {
  const size = itemSize(layout.dtype);
  const count = elementCount(layout.shape);
  if (bytes.length !== count * size) {
    const expected = `${count * size} data bytes (${formatDescr(layout.dtype, layout.littleEndian)} × ${count})`;
    return E.left(dataFileError('npy', file, `byte ${firstByte}`, expected, `${bytes.length} bytes`));
  }
  let owned = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes);
  if (layout.littleEndian !== HOST_LITTLE_ENDIAN) swapByteOrderInPlace(owned, size);
  if (layout.dtype === 'bool') {
    const bad = owned.findIndex((byte) => byte > 1);
    if (bad >= 0) {
      return E.left(
        dataFileError('npy', file, `byte ${firstByte + bad}`, 'a bool byte 0 or 1', `${owned[bad]}`),
      );
    }
  }
  if (layout.fortranOrder) owned = reverseAxes(owned, [...layout.shape].reverse(), size);
  return E.right(viewAsNdArray(layout.dtype, layout.shape, owned));
}

/** The array whose elements are `bytes` (host order, C order, owned by the result). */
function viewAsNdArray(dtype: DtypeName, shape: readonly number[], bytes: Uint8Array): NdArray {
  return ndArray(
    dtype,
    shape,
    typedArrayView(dtype, bytes.buffer as ArrayBuffer, bytes.byteOffset, elementCount(shape)),
  );
}
