import * as E from 'fp-ts/lib/Either.js';
import { formatDescr, itemSize } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';
import type { NdArray } from './nd-array.js';
import { decodeElements } from './npy-data.js';
import type { NpyHeader } from './npy-header.js';
import { elementCount, formatShape } from './shape.js';

/**
 * Where the records (slices along the first axis: clips of `(N, 3, 300, 25, 2)`) of a `.npy` file
 * lie. Record `i` is the contiguous byte range `dataOffset + i·recordBytes` … `+ recordBytes`.
 */
export interface RecordLayout {
  readonly header: NpyHeader;
  /** Length of the first axis. */
  readonly records: number;
  /** Shape of one record: the header's shape without its first axis. */
  readonly recordShape: readonly number[];
  readonly recordBytes: number;
}

/**
 * Checks that a file of `fileSize` bytes with this header can be read record by record: at least
 * one axis, C order (Fortran-order records are scattered over the whole file) and exactly the data
 * size the header announces.
 */
export function recordLayout(
  header: NpyHeader,
  fileSize: number,
  file: string,
): E.Either<DataFileError, RecordLayout> {
  const [records, ...recordShape] = header.shape;
  const describe = `${formatDescr(header.dtype, header.littleEndian)} ${formatShape(header.shape)}`;
  if (records === undefined) {
    return E.left(
      dataFileError('npy', file, 'header', 'an array with at least one axis to read by record', describe),
    );
  }
  if (header.fortranOrder && header.shape.filter((dimension) => dimension > 1).length > 1) {
    return E.left(
      dataFileError(
        'npy',
        file,
        'header',
        'C order for record access (readNpy loads Fortran order)',
        describe,
      ),
    );
  }
  const recordBytes = elementCount(recordShape) * itemSize(header.dtype);
  const expectedSize = header.dataOffset + records * recordBytes;
  if (fileSize !== expectedSize) {
    const expected = `${expectedSize} bytes (${header.dataOffset} header + ${records * recordBytes} data for ${describe})`;
    return E.left(dataFileError('npy', file, `byte ${header.dataOffset}`, expected, `${fileSize} bytes`));
  }
  return E.right({ header, records, recordShape, recordBytes });
}

/** Byte range of records `start` … `start + count - 1`. @throws RangeError outside the file's records. */
export function rowsByteRange(
  layout: RecordLayout,
  start: number,
  count: number,
): { position: number; length: number } {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0) {
    throw new RangeError(`records ${start} + ${count}: expected non-negative integers`);
  }
  if (start + count > layout.records) {
    throw new RangeError(`records ${start} … ${start + count - 1}: the file has ${layout.records}`);
  }
  return {
    position: layout.header.dataOffset + start * layout.recordBytes,
    length: count * layout.recordBytes,
  };
}

/** Decodes the bytes of `count` whole records, read from `position`, as an array of shape `[count, …record]`. */
export function decodeRows(
  layout: RecordLayout,
  bytes: Uint8Array,
  count: number,
  position: number,
  file: string,
): E.Either<DataFileError, NdArray> {
  const { dtype, littleEndian } = layout.header;
  return decodeElements(
    bytes,
    { dtype, littleEndian, shape: [count, ...layout.recordShape], fortranOrder: false },
    file,
    position,
  );
}

/** The same array without its leading axis of length 1: one record. */
export function dropLeadingAxis(rows: NdArray): NdArray {
  return { ...rows, shape: rows.shape.slice(1) };
}
