import { type FileHandle, open } from 'node:fs/promises';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { swapByteOrderInPlace } from '../../io/byte-order.js';
import { type DtypeName, HOST_LITTLE_ENDIAN, itemSize, type TypedArrayOf } from '../../io/dtype.js';
import { type DataFileError, dataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';
import { encodeNpyHeader } from '../../io/npy-header-encode.js';
import { elementCount, formatShape } from '../../io/shape.js';
import { commitTemporaryFile, discardTemporaryFile, temporaryPathFor } from './atomic-file.js';

/**
 * A `.npy` file written record by record (slices along the first axis), for arrays that do not fit
 * in memory, such as the 7 GB NTU-60 training array. The header is written first, from the shape
 * declared up front; records go to a temporary file beside the target, which {@link finish} renames
 * onto it once every record is there. Until then the target path is untouched.
 */
export interface NpyWriter<E extends DtypeName> {
  readonly path: string;
  /** Records handed to {@link append} so far. */
  readonly appended: number;
  /**
   * Writes whole records (C order): `rows.length` must be a multiple of one record's element count.
   * Appends may run concurrently: each one's file offset is fixed when `append` is called.
   * @throws RangeError for partial records or more records than declared (programming errors).
   */
  append(rows: TypedArrayOf[E]): TE.TaskEither<DataFileError, void>;
  /** Checks that all declared records were written, flushes, and renames onto `path`. */
  finish(): TE.TaskEither<DataFileError, void>;
  /** Gives up: closes and deletes the temporary file. Call it after a failed append. */
  abort(): Promise<void>;
}

/**
 * Starts writing a little-endian, C-order `.npy` file of `dtype` and `shape` (at least one axis).
 * The bytes of the finished file equal `np.save` of the same array.
 * @throws RangeError for a shape without axes or with negative or non-integer dimensions.
 */
export function createNpyWriter<E extends DtypeName>(
  path: string,
  dtype: E,
  shape: readonly number[],
): TE.TaskEither<DataFileError, NpyWriter<E>> {
  if (shape.length === 0 || shape.some((dimension) => !Number.isSafeInteger(dimension) || dimension < 0)) {
    throw new RangeError(`shape ${formatShape(shape)}: expected at least one axis of non-negative integers`);
  }
  const header = encodeNpyHeader({ dtype, littleEndian: true, shape, fortranOrder: false });
  const temporary = temporaryPathFor(path);
  return pipe(
    TE.tryCatch(
      async () => {
        const handle = await open(temporary, 'wx');
        try {
          await handle.write(header, 0, header.length, 0);
        } catch (cause) {
          await handle.close();
          await discardTemporaryFile(temporary);
          throw cause;
        }
        return handle;
      },
      (cause) => ioError(path, 'create', 'a writable directory', cause),
    ),
    TE.map((handle) => npyWriter(handle, temporary, path, dtype, shape, header.length)),
  );
}

function npyWriter<E extends DtypeName>(
  handle: FileHandle,
  temporary: string,
  path: string,
  dtype: E,
  shape: readonly number[],
  dataOffset: number,
): NpyWriter<E> {
  const [records, ...recordShape] = shape as [number, ...number[]];
  const recordElements = elementCount(recordShape);
  const recordBytes = recordElements * itemSize(dtype);
  let appended = 0;
  let completed = 0;
  return {
    path,
    get appended() {
      return appended;
    },
    append(rows) {
      const count = recordElements === 0 ? 0 : rows.length / recordElements;
      if (!Number.isInteger(count) || (recordElements === 0 && rows.length > 0)) {
        throw new RangeError(`${rows.length} elements are not whole records of ${recordElements}`);
      }
      if (appended + count > records) {
        throw new RangeError(`appending ${count} records after ${appended} exceeds the declared ${records}`);
      }
      const position = dataOffset + appended * recordBytes;
      appended += count;
      const bytes = littleEndianBytes(rows, itemSize(dtype));
      return TE.tryCatch(
        async () => {
          let written = 0;
          while (written < bytes.length) {
            const result = await handle.write(bytes, written, bytes.length - written, position + written);
            written += result.bytesWritten;
          }
          completed += count;
        },
        (cause) => ioError(path, `byte ${position}`, `to write ${bytes.length} bytes`, cause),
      );
    },
    finish() {
      if (completed !== records) {
        return TE.left(
          dataFileError(
            'npy',
            path,
            'end of data',
            `${records} records for shape ${formatShape(shape)}`,
            `${completed} written`,
          ),
        );
      }
      return pipe(
        TE.tryCatch(
          async () => {
            await handle.sync();
            await handle.close();
          },
          (cause) => ioError(path, 'close', 'to flush the written records', cause),
        ),
        TE.chain(() => commitTemporaryFile(temporary, path)),
        TE.orElseFirstTaskK(() => () => discardTemporaryFile(temporary)),
      );
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await discardTemporaryFile(temporary);
    },
  };
}

/** The elements' bytes in little-endian order: a view on little-endian hosts, a swapped copy otherwise. */
function littleEndianBytes(rows: ArrayBufferView, size: number): Uint8Array {
  const view = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
  if (HOST_LITTLE_ENDIAN) return view;
  const copy = new Uint8Array(view);
  swapByteOrderInPlace(copy, size);
  return copy;
}
