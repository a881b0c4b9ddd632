import type { ByteSource } from './byte-source.js';
import { fail } from './read-failure.js';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored (what `torch.save` writes), 8 = deflated. */
  readonly compression: number;
  readonly compressedSize: number;
  readonly size: number;
  /** CRC-32 of the entry's data. */
  readonly crc: number;
  /** Offset of the entry's local header; its data follows the header's name and extra field. */
  readonly localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
/** End record (22 bytes) plus the longest comment (65535). */
const END_SEARCH = 22 + 0xffff;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * The entries of a zip archive from its central directory (zip64 included), reading only the
 * archive's tail and the directory. Errors name the file and the byte: a file that is no zip
 * archive, or one cut short (the directory, or an entry, beyond the end of the file).
 */
export async function readZipDirectory(source: ByteSource): Promise<ZipEntry[]> {
  const file = source.name;
  const tailStart = Math.max(0, source.size - END_SEARCH);
  const tail = await source.read(tailStart, source.size - tailStart);
  const view = viewOf(tail);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    fail(
      'zip',
      file,
      `the last ${tail.length} bytes`,
      'the end record of a zip archive (torch.save writes zip archives)',
      'none: not a zip archive, or one cut short',
    );
  }
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
      fail('zip', file, `byte ${tailStart + end}`, 'a zip64 end locator before the end record', 'none');
    }
    const zip64At = safeNumber(view.getBigUint64(locator + 8, true), file, 'zip64 end record offset');
    const zip64 = viewOf(await source.read(zip64At, 56));
    if (zip64.byteLength < 56 || zip64.getUint32(0, true) !== ZIP64_END_OF_DIRECTORY) {
      fail('zip', file, `byte ${zip64At}`, 'a zip64 end record', 'other bytes');
    }
    count = safeNumber(zip64.getBigUint64(32, true), file, 'entry count');
    directorySize = safeNumber(zip64.getBigUint64(40, true), file, 'directory size');
    directoryOffset = safeNumber(zip64.getBigUint64(48, true), file, 'directory offset');
  }
  if (directoryOffset + directorySize > source.size) {
    fail(
      'zip',
      file,
      `central directory (bytes ${directoryOffset}–${directoryOffset + directorySize})`,
      `a directory inside the file's ${source.size} bytes`,
      'it runs past the end: the archive is truncated',
    );
  }
  const directory = await source.read(directoryOffset, directorySize);
  return parseDirectory(directory, directoryOffset, count, source);
}

function parseDirectory(bytes: Uint8Array, base: number, count: number, source: ByteSource): ZipEntry[] {
  const view = viewOf(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
      fail(
        'zip',
        source.name,
        `byte ${base + at}`,
        `central directory entry ${index} of ${count}`,
        'other bytes',
      );
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, of which torch only writes ASCII.
    const name = ((flags & 0x800) !== 0 ? utf8 : latin1).decode(nameBytes);
    const sizes = {
      size: view.getUint32(at + 24, true),
      compressedSize: view.getUint32(at + 20, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, sizes, source.name);
    entries.push({
      name,
      compression: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      ...sizes,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Replaces the 32-bit fields that are 0xFFFFFFFF by their 64-bit values from the zip64 extra field. */
function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  sizes: { size: number; compressedSize: number; localHeaderOffset: number },
  file: string,
): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
        if (sizes[key] !== 0xffffffff) continue;
        sizes[key] = safeNumber(view.getBigUint64(field, true), file, key);
        field += 8;
      }
      return;
    }
    at += 4 + size;
  }
}

/**
 * Where an entry's data starts (after its local header, whose extra field may differ from the
 * directory's: torch pads it to align tensors), checked to lie inside the file.
 */
export async function entryDataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = viewOf(await source.read(entry.localHeaderOffset, 30));
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_HEADER) {
    fail(
      'zip',
      source.name,
      `byte ${entry.localHeaderOffset}`,
      `the local header of ${entry.name}`,
      'other bytes',
    );
  }
  const start = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  if (start + entry.compressedSize > source.size) {
    fail(
      'zip',
      source.name,
      `${entry.name} (bytes ${start}–${start + entry.compressedSize})`,
      `an entry inside the file's ${source.size} bytes`,
      'it runs past the end: the archive is truncated',
    );
  }
  return start;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function safeNumber(value: bigint, file: string, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('zip', file, what, 'a value below 2^53', String(value));
  return Number(value);
}
