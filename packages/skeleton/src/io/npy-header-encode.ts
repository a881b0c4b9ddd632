import { formatDescr } from './dtype.js';
import type { StoredLayout } from './npy-data.js';
import { NPY_MAGIC, type NpyVersion } from './npy-header.js';
import { formatShape } from './shape.js';

/** NumPy aligns the data offset to this many bytes. */
const ARRAY_ALIGN = 64;
/** NumPy leaves room to rewrite the growing axis in place with up to this many digits. */
const GROWTH_AXIS_MAX_DIGITS = 21;

/**
 * The header NumPy (`np.save`, ≥ 1.24 and 2.x) writes for this layout, byte for byte:
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`, spaces reserved for a growing first
 * (Fortran: last) axis, space padding so that the data starts on a 64-byte boundary, and `\n`.
 * Without `version`, the oldest version that can hold the header (1.0, else 2.0), as NumPy chooses;
 * 3.0 only differs from 2.0 by allowing UTF-8, which the dtypes here never need.
 */
export function encodeNpyHeader(layout: StoredLayout, version?: NpyVersion): Uint8Array {
  const descr = formatDescr(layout.dtype, layout.littleEndian);
  const fortran = layout.fortranOrder ? 'True' : 'False';
  let text = `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${formatShape(layout.shape)}, }`;
  if (layout.shape.length > 0) {
    const growingAxis = layout.shape[layout.fortranOrder ? layout.shape.length - 1 : 0]!;
    text += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(growingAxis).length));
  }
  const chosen = version ?? (paddedLength(text.length, 2) <= 0xffff ? '1.0' : '2.0');
  const lengthBytes = chosen === '1.0' ? 2 : 4;
  const length = paddedLength(text.length, lengthBytes);
  if (lengthBytes === 2 && length > 0xffff) {
    throw new RangeError(`a header of ${length} bytes does not fit format version 1.0`);
  }
  const bytes = new Uint8Array(8 + lengthBytes + length);
  bytes.set(NPY_MAGIC, 0);
  bytes[6] = Number(chosen[0]);
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  if (lengthBytes === 2) view.setUint16(8, length, true);
  else view.setUint32(8, length, true);
  const headerStart = 8 + lengthBytes;
  bytes.fill(0x20, headerStart);
  bytes.set(Buffer.from(text, 'latin1'), headerStart);
  bytes[bytes.length - 1] = 0x0a;
  return bytes;
}

/**
 * Header length including padding and the final newline. Like NumPy, pads by a full 64 bytes when
 * the unpadded header would already end on the boundary.
 */
function paddedLength(textLength: number, lengthBytes: number): number {
  const unpadded = textLength + 1;
  const padding = ARRAY_ALIGN - ((NPY_MAGIC.length + 2 + lengthBytes + unpadded) % ARRAY_ALIGN);
  return unpadded + padding;
}
