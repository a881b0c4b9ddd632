import { crc32 } from '../crc32.js';

/** A file to put in an archive. */
export interface ZipFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** torch aligns every entry's data to 64 bytes (memory-mapped loading relies on it). */
const ALIGNMENT = 64;
const encoder = new TextEncoder();

/**
 * A zip archive of stored (uncompressed) entries, each entry's data aligned to 64 bytes with
 * padding in its local extra field, as PyTorch's writer lays them out. Archives up to 4 GiB (no
 * zip64), which covers an encoder's state_dict.
 *
 * @throws RangeError beyond 4 GiB or 65535 entries.
 */
export function storedZip(files: readonly ZipFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    offset += chunk.length;
  };
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.bytes);
    const headerOffset = offset;
    const padding = (ALIGNMENT - ((offset + 30 + name.length + 4) % ALIGNMENT)) % ALIGNMENT;
    const local = new Uint8Array(30 + name.length + 4 + padding);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true); // version needed
    view.setUint16(6, 0x800, true); // UTF-8 names
    view.setUint32(14, crc, true);
    view.setUint32(18, file.bytes.length, true);
    view.setUint32(22, file.bytes.length, true);
    view.setUint16(26, name.length, true);
    view.setUint16(28, 4 + padding, true);
    local.set(name, 30);
    // Extra field 'FB' (PyTorch's padding id), its data zeros.
    view.setUint16(30 + name.length, 0x4246, true);
    view.setUint16(32 + name.length, padding, true);
    push(local);
    push(file.bytes);
    const central = new Uint8Array(46 + name.length);
    const entry = new DataView(central.buffer);
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x800, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, file.bytes.length, true);
    entry.setUint32(24, file.bytes.length, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(42, headerOffset, true);
    central.set(name, 46);
    directory.push(central);
  }
  const directoryOffset = offset;
  for (const entry of directory) push(entry);
  if (offset > 0xffffffff || files.length > 0xffff)
    throw new RangeError('storedZip: over 4 GiB or 65535 entries');
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, files.length, true);
  view.setUint16(10, files.length, true);
  view.setUint32(12, offset - directoryOffset, true);
  view.setUint32(16, directoryOffset, true);
  push(end);
  const archive = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    archive.set(chunk, at);
    at += chunk.length;
  }
  return archive;
}
