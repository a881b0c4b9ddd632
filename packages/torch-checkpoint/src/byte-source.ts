/**
 * Random access to the bytes of a file, so that a checkpoint of hundreds of MB is read piece by
 * piece: the directory, the pickle, then only the tensors asked for. `name` names the file in errors.
 */
export interface ByteSource {
  readonly name: string;
  /** Length in bytes. */
  readonly size: number;
  /** Bytes [offset, offset + length); fewer only past the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory (a fetched `ArrayBuffer`, a test fixture). */
export function bytesSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** A source over a `Blob` (a browser `File` from an `<input type="file">`), read slice by slice. */
export function blobSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}
