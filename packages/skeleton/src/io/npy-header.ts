import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { type DtypeName, dtypeFromKind, HOST_LITTLE_ENDIAN } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';
import { type HeaderLiteral, parseHeaderDict } from './python-literal.js';
import { formatShape } from './shape.js';

/** `.npy` format versions: 1.0 (2-byte header length), 2.0 (4-byte), 3.0 (4-byte, UTF-8 header). */
export type NpyVersion = '1.0' | '2.0' | '3.0';

/** What a `.npy` header says about the data that follows it. */
export interface NpyHeader {
  readonly version: NpyVersion;
  readonly dtype: DtypeName;
  /** Byte order of the stored elements (`true` for one-byte dtypes, where it does not matter). */
  readonly littleEndian: boolean;
  readonly shape: readonly number[];
  /** Stored column-major (`fortran_order: True`) rather than row-major. */
  readonly fortranOrder: boolean;
  /** Byte offset of the first element: magic + version + length field + header text. */
  readonly dataOffset: number;
}

/** `\x93NUMPY`: the six bytes every `.npy` file starts with. */
export const NPY_MAGIC: Uint8Array = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);

const VERSIONS: Readonly<Record<string, { version: NpyVersion; lengthBytes: 2 | 4 }>> = {
  '1.0': { version: '1.0', lengthBytes: 2 },
  '2.0': { version: '2.0', lengthBytes: 4 },
  '3.0': { version: '3.0', lengthBytes: 4 },
};

/** Magic, version and length field: everything needed to know how long the header is. */
export interface NpyPreamble {
  readonly version: NpyVersion;
  /** Offset of the header text. */
  readonly headerStart: number;
  /** Offset of the data, i.e. end of the header text. */
  readonly dataOffset: number;
}

/** Far above any real header (NumPy itself refuses more than 10 000 bytes by default). */
const MAX_HEADER_BYTES = 1 << 20;

/** Bytes that always suffice for {@link parseNpyPreamble}. */
export const NPY_PREAMBLE_BYTES = 12;

/** Reads magic, version and header length from the first bytes of a `.npy` file. */
export function parseNpyPreamble(bytes: Uint8Array, file: string): E.Either<DataFileError, NpyPreamble> {
  const fail = (position: number, expected: string, found: string) =>
    E.left(dataFileError('npy', file, `byte ${position}`, expected, found));
  const magic = bytes.subarray(0, NPY_MAGIC.length);
  if (magic.length < NPY_MAGIC.length || magic.some((byte, i) => byte !== NPY_MAGIC[i])) {
    return fail(
      0,
      'the .npy magic string \\x93NUMPY',
      magic.length === 0 ? 'end of file' : escapeBytes(magic),
    );
  }
  if (bytes.length < 8) return fail(bytes.length, 'a 2-byte format version', 'end of file');
  const versionText = `${bytes[6]}.${bytes[7]}`;
  const known = VERSIONS[versionText];
  if (known === undefined) return fail(6, 'format version 1.0, 2.0 or 3.0', versionText);
  const headerStart = 8 + known.lengthBytes;
  if (bytes.length < headerStart) {
    return fail(
      8,
      `a ${known.lengthBytes}-byte header length`,
      `${bytes.length - 8} bytes before end of file`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + 8, known.lengthBytes);
  const headerLength = known.lengthBytes === 2 ? view.getUint16(0, true) : view.getUint32(0, true);
  // A corrupt 4-byte length would otherwise make readers allocate up to 4 GiB for the header.
  if (headerLength > MAX_HEADER_BYTES) {
    return fail(8, `a header length of at most ${MAX_HEADER_BYTES} bytes`, `${headerLength} bytes`);
  }
  return E.right({ version: known.version, headerStart, dataOffset: headerStart + headerLength });
}

/**
 * Parses the header of a `.npy` file from its first bytes (at least up to the data offset; the
 * data itself is not needed). Checks magic, version, the header dictionary's syntax and keys, the
 * dtype (see {@link DtypeName}) and the shape; every failure names the byte where it was found.
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): E.Either<DataFileError, NpyHeader> {
  return pipe(
    parseNpyPreamble(bytes, file),
    E.chain((preamble) => {
      const headerBytes = bytes.subarray(preamble.headerStart, preamble.dataOffset);
      if (headerBytes.length < preamble.dataOffset - preamble.headerStart) {
        const error = dataFileError(
          'npy',
          file,
          `byte ${preamble.headerStart}`,
          `a header of ${preamble.dataOffset - preamble.headerStart} bytes`,
          `${headerBytes.length} bytes before end of file`,
        );
        return E.left(error);
      }
      return interpretHeader(headerBytes, preamble, file);
    }),
  );
}

function interpretHeader(
  headerBytes: Uint8Array,
  preamble: NpyPreamble,
  file: string,
): E.Either<DataFileError, NpyHeader> {
  const failAt = (byte: number, expected: string, found: string) =>
    E.left(dataFileError('npy', file, `byte ${preamble.headerStart + byte}`, expected, found));
  const text = decodeHeaderText(headerBytes, preamble.version);
  if (text === undefined) return failAt(0, 'a UTF-8 header (version 3.0)', 'invalid UTF-8');
  const parsed = parseHeaderDict(text);
  if (E.isLeft(parsed)) {
    const { offset, expected, found } = parsed.left;
    return failAt(byteOffsetOf(text, offset, preamble.version), expected, found);
  }
  const dict = parsed.right;
  for (const key of dict.keys()) {
    if (!HEADER_KEYS.includes(key)) {
      return failAt(0, "only the keys 'descr', 'fortran_order', 'shape'", `'${key}'`);
    }
  }
  const descr = dict.get('descr');
  const fortranOrder = dict.get('fortran_order');
  const shape = dict.get('shape');
  const keyOffset = (key: string) => {
    const at = Math.max(text.indexOf(`'${key}'`), text.indexOf(`"${key}"`));
    return at < 0 ? 0 : byteOffsetOf(text, at, preamble.version);
  };
  if (typeof descr !== 'string') {
    return failAt(keyOffset('descr'), "'descr': a dtype string such as '<f4'", describe(descr));
  }
  const dtype = parseDescr(descr);
  if (dtype === undefined) {
    return failAt(keyOffset('descr'), `a supported dtype (${SUPPORTED_DESCR})`, `'${descr}'`);
  }
  if (typeof fortranOrder !== 'boolean') {
    return failAt(keyOffset('fortran_order'), "'fortran_order': True or False", describe(fortranOrder));
  }
  if (shape === undefined || typeof shape !== 'object' || shape.tuple.some((dimension) => dimension < 0)) {
    return failAt(keyOffset('shape'), "'shape': a tuple of non-negative integers", describe(shape));
  }
  return E.right({
    version: preamble.version,
    dtype: dtype.dtype,
    littleEndian: dtype.littleEndian,
    shape: shape.tuple,
    fortranOrder,
    dataOffset: preamble.dataOffset,
  });
}

const HEADER_KEYS: readonly string[] = ['descr', 'fortran_order', 'shape'];

const SUPPORTED_DESCR = '<f4 <f8 <i1 <i2 <i4 <i8 <u1 <u2 <u4 <u8 |b1, any byte order';

/** `<f4` → float32 little-endian. `=` and `|` mean native order, as in NumPy. */
function parseDescr(descr: string): { dtype: DtypeName; littleEndian: boolean } | undefined {
  const match = /^([<>|=])([biuf])(\d)$/.exec(descr);
  if (match === null) return undefined;
  const [, order, kind, size] = match;
  const dtype = dtypeFromKind(kind!, Number(size));
  if (dtype === undefined) return undefined;
  const littleEndian = order === '<' ? true : order === '>' ? false : HOST_LITTLE_ENDIAN;
  return { dtype, littleEndian: Number(size) === 1 ? true : littleEndian };
}

/** Versions 1.0 and 2.0 store the header in Latin-1, 3.0 in UTF-8. */
function decodeHeaderText(bytes: Uint8Array, version: NpyVersion): string | undefined {
  if (version !== '3.0') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function byteOffsetOf(text: string, charOffset: number, version: NpyVersion): number {
  if (version !== '3.0') return charOffset;
  return new TextEncoder().encode(text.slice(0, charOffset)).length;
}

function describe(value: HeaderLiteral | undefined): string {
  if (value === undefined) return 'no such key';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return formatShape(value.tuple);
  return String(value);
}

function escapeBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) =>
    byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`,
  ).join('');
}
