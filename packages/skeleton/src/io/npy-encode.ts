import { reverseAxes } from './axis-order.js';
import { swapByteOrderInPlace } from './byte-order.js';
import { HOST_LITTLE_ENDIAN, itemSize } from './dtype.js';
import type { NdArray } from './nd-array.js';
import type { NpyVersion } from './npy-header.js';
import { encodeNpyHeader } from './npy-header-encode.js';

/** How {@link encodeNpy} stores the array. Defaults: what `np.save` writes for a C-order array. */
export interface EncodeNpyOptions {
  /** Format version; default the oldest that fits (1.0), as NumPy. */
  readonly version?: NpyVersion;
  /** Store column-major, as NumPy does for Fortran-contiguous arrays. Default false. */
  readonly fortranOrder?: boolean;
  /** Byte order of the stored elements. Default little-endian. */
  readonly littleEndian?: boolean;
}

/**
 * The bytes of a `.npy` file holding `array`, identical to what NumPy writes for the same array,
 * dtype, byte order and memory order. Like NumPy, marks the file Fortran-ordered only when that
 * differs from C order (two or more axes longer than 1, no empty axis); otherwise the flag is off.
 */
export function encodeNpy(array: NdArray, options: EncodeNpyOptions = {}): Uint8Array {
  const littleEndian = options.littleEndian ?? true;
  const fortranOrder = (options.fortranOrder ?? false) && ordersDiffer(array.shape);
  const header = encodeNpyHeader(
    { dtype: array.dtype, littleEndian, shape: array.shape, fortranOrder },
    options.version,
  );
  const size = itemSize(array.dtype);
  const hostBytes = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.length * size);
  const dataBytes = fortranOrder ? reverseAxes(hostBytes, array.shape, size) : hostBytes;
  const file = new Uint8Array(header.length + dataBytes.length);
  file.set(header, 0);
  file.set(dataBytes, header.length);
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapByteOrderInPlace(file.subarray(header.length), size);
  return file;
}

/** C and Fortran order store different byte sequences only with two or more axes longer than 1. */
function ordersDiffer(shape: readonly number[]): boolean {
  return !shape.includes(0) && shape.filter((dimension) => dimension > 1).length > 1;
}
