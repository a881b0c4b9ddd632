import { close, closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DtypeName } from '../../io/dtype.js';
import { dtypeMismatch } from '../../io/dtype-mismatch.js';
import { type DataFileError, dataFileError } from '../../io/errors.js';
import { ioError } from '../../io/io-error.js';
import type { NdArray } from '../../io/nd-array.js';
import { NPY_PREAMBLE_BYTES, type NpyHeader, parseNpyHeader, parseNpyPreamble } from '../../io/npy-header.js';
import {
  decodeRows,
  dropLeadingAxis,
  type RecordLayout,
  recordLayout,
  rowsByteRange,
} from '../../io/npy-records.js';

/**
 * An open `.npy` file read record by record (a record is a slice along the first axis, e.g. one
 * clip of `(N, 3, 300, 25, 2)`). Each read fetches exactly the bytes of the records asked for, at
 * their offset, into a fresh array: memory and time are O(records read), whatever the file size.
 * Reads come in an asynchronous form (thread pool, for loaders that overlap I/O) and a synchronous
 * one (for samplers inside a synchronous loop). Reads outside the file's records throw `RangeError`
 * synchronously: that is a programming error, not bad input.
 */
export interface NpyFile<E extends DtypeName = DtypeName> {
  readonly path: string;
  readonly header: NpyHeader;
  /** Number of records (the first axis). */
  readonly records: number;
  /** Shape of one record. */
  readonly recordShape: readonly number[];
  /** Records `start` … `start + count - 1` as one array of shape `[count, …recordShape]`. */
  readRows(start: number, count: number): TE.TaskEither<DataFileError, NdArray<E>>;
  /** Record `index`, of shape `recordShape`. */
  readRecord(index: number): TE.TaskEither<DataFileError, NdArray<E>>;
  readRowsSync(start: number, count: number): E.Either<DataFileError, NdArray<E>>;
  readRecordSync(index: number): E.Either<DataFileError, NdArray<E>>;
  /** Releases the file descriptor; reads afterwards fail with an `io` error. */
  close(): Promise<void>;
  closeSync(): void;
}

/** Options of {@link openNpy}. */
export interface OpenNpyOptions<E extends DtypeName> {
  /** Refuse the file unless it holds this dtype; reads are then typed accordingly. */
  readonly dtype?: E;
}

/**
 * Opens a `.npy` file for record reads, reading only its header. Checks header, C order and that
 * the file size matches the header exactly, so a truncated file fails here, not mid-epoch.
 * The header read (about 128 bytes) is synchronous; {@link openNpy} wraps this for `TaskEither`
 * pipelines.
 */
export function openNpySync<E extends DtypeName>(
  path: string,
  options: OpenNpyOptions<E> & { readonly dtype: E },
): E.Either<DataFileError, NpyFile<E>>;
export function openNpySync(
  path: string,
  options?: OpenNpyOptions<DtypeName>,
): E.Either<DataFileError, NpyFile>;
export function openNpySync(
  path: string,
  options: OpenNpyOptions<DtypeName> = {},
): E.Either<DataFileError, NpyFile> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    return E.left(ioError(path, 'open', 'a readable file', cause));
  }
  const opened = pipe(
    readExactlySync(fd, 0, NPY_PREAMBLE_BYTES, path, true),
    E.chain((preamble) => parseNpyPreamble(preamble, path)),
    E.chain(({ dataOffset }) => readExactlySync(fd, 0, dataOffset, path, true)),
    E.chain((headerBytes) => parseNpyHeader(headerBytes, path)),
    E.chain((header) =>
      pipe(
        E.tryCatch(
          () => fstatSync(fd).size,
          (cause) => ioError(path, 'stat', 'a readable file', cause),
        ),
        E.chain((size) => recordLayout(header, size, path)),
      ),
    ),
    E.filterOrElse(
      (layout) => options.dtype === undefined || layout.header.dtype === options.dtype,
      (layout) => dtypeMismatch(path, options.dtype!, layout.header.dtype),
    ),
    E.map((layout) => npyFile(fd, layout, path)),
  );
  if (E.isLeft(opened)) closeSync(fd);
  return opened;
}

/** {@link openNpySync} as a `TaskEither`. */
export function openNpy<E extends DtypeName>(
  path: string,
  options: OpenNpyOptions<E> & { readonly dtype: E },
): TE.TaskEither<DataFileError, NpyFile<E>>;
export function openNpy(
  path: string,
  options?: OpenNpyOptions<DtypeName>,
): TE.TaskEither<DataFileError, NpyFile>;
export function openNpy(
  path: string,
  options: OpenNpyOptions<DtypeName> = {},
): TE.TaskEither<DataFileError, NpyFile> {
  return () => Promise.resolve(openNpySync(path, options));
}

const readAsync = promisify(read);
const closeAsync = promisify(close);

function npyFile(fd: number, layout: RecordLayout, path: string): NpyFile {
  const readRows = (start: number, count: number): TE.TaskEither<DataFileError, NdArray> => {
    const { position, length } = rowsByteRange(layout, start, count);
    return pipe(
      readExactly(fd, position, length, path),
      TE.chainEitherK((bytes) => decodeRows(layout, bytes, count, position, path)),
    );
  };
  const readRowsSync = (start: number, count: number): E.Either<DataFileError, NdArray> => {
    const { position, length } = rowsByteRange(layout, start, count);
    return pipe(
      readExactlySync(fd, position, length, path, false),
      E.chain((bytes) => decodeRows(layout, bytes, count, position, path)),
    );
  };
  return {
    path,
    header: layout.header,
    records: layout.records,
    recordShape: layout.recordShape,
    readRows,
    readRecord: (index) => pipe(readRows(index, 1), TE.map(dropLeadingAxis)),
    readRowsSync,
    readRecordSync: (index) => pipe(readRowsSync(index, 1), E.map(dropLeadingAxis)),
    close: () => closeAsync(fd),
    closeSync: () => closeSync(fd),
  };
}

/** Reads `length` bytes at `position` into a fresh buffer, looping over short reads. */
function readExactly(
  fd: number,
  position: number,
  length: number,
  path: string,
): TE.TaskEither<DataFileError, Uint8Array> {
  return pipe(
    TE.tryCatch(
      async () => {
        const bytes = new Uint8Array(length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await readAsync(fd, bytes, filled, length - filled, position + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return bytes.subarray(0, filled);
      },
      (cause) => ioError(path, `byte ${position}`, `${length} readable bytes`, cause),
    ),
    TE.filterOrElse(
      (bytes) => bytes.length === length,
      (bytes) => shrank(path, position, length, bytes.length),
    ),
  );
}

/**
 * Synchronous {@link readExactly}. With `allowShort`, a file that ends early gives the bytes that
 * exist (the header parser then names what is missing).
 */
function readExactlySync(
  fd: number,
  position: number,
  length: number,
  path: string,
  allowShort: boolean,
): E.Either<DataFileError, Uint8Array> {
  const bytes = new Uint8Array(length);
  let filled = 0;
  try {
    while (filled < length) {
      const bytesRead = readSync(fd, bytes, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (cause) {
    return E.left(ioError(path, `byte ${position}`, `${length} readable bytes`, cause));
  }
  if (filled < length && !allowShort) return E.left(shrank(path, position, length, filled));
  return E.right(bytes.subarray(0, filled));
}

/** The file was complete when opened (its size was checked) and lost bytes since. */
function shrank(path: string, position: number, expected: number, found: number): DataFileError {
  return dataFileError(
    'npy',
    path,
    `byte ${position}`,
    `${expected} bytes (as when opened)`,
    `${found} bytes`,
  );
}
