import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { CheckpointContents, StoredTensor } from '../checkpoint-contents.js';

export interface CheckpointError {
  readonly _tag: 'CheckpointError';
  readonly path: string;
  readonly message: string;
}

const FORMAT = 'halp-checkpoint';
const VERSION = 1;
const MANIFEST = 'checkpoint.json';
const DATA = 'tensors.bin';

/**
 * Writes a checkpoint folder `<directory>/<name>` atomically: everything goes into a temporary
 * sibling folder that is renamed into place at the end, so a crash never leaves a half-written
 * checkpoint under the final name. An existing checkpoint of the same name is replaced.
 */
export async function writeCheckpoint(
  directory: string,
  name: string,
  contents: CheckpointContents,
): Promise<string> {
  const target = join(directory, name);
  const temporary = join(directory, `.${name}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(temporary, { recursive: true });
  try {
    const entries: { name: string; shape: readonly number[]; offset: number; length: number }[] = [];
    let offset = 0;
    for (const [tensorName, tensor] of contents.tensors) {
      const expected = tensor.shape.reduce((a, b) => a * b, 1);
      if (expected !== tensor.data.length) {
        throw new RangeError(
          `checkpoint tensor ${tensorName}: shape [${tensor.shape}] needs ${expected} values, got ${tensor.data.length}`,
        );
      }
      entries.push({ name: tensorName, shape: tensor.shape, offset, length: tensor.data.length });
      offset += tensor.data.length;
    }
    const data = new Float32Array(offset);
    for (const entry of entries) data.set(contents.tensors.get(entry.name)!.data, entry.offset);
    await writeFile(join(temporary, DATA), new Uint8Array(data.buffer));
    const manifest = { format: FORMAT, version: VERSION, metadata: contents.metadata, tensors: entries };
    await writeFile(join(temporary, MANIFEST), `${JSON.stringify(manifest)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
    return target;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Reads a checkpoint folder written by {@link writeCheckpoint}; every problem is a typed error. */
export async function readCheckpoint(path: string): Promise<E.Either<CheckpointError, CheckpointContents>> {
  const fail = (message: string) => E.left<CheckpointError>({ _tag: 'CheckpointError', path, message });
  let manifestText: string;
  let bytes: Buffer;
  try {
    manifestText = await readFile(join(path, MANIFEST), 'utf8');
    bytes = await readFile(join(path, DATA));
  } catch (error) {
    return fail(`cannot read checkpoint: ${(error as Error).message}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return fail(`${MANIFEST} is not valid JSON`);
  }
  if (!isManifest(manifest)) return fail(`${MANIFEST}: expected a ${FORMAT} version ${VERSION} manifest`);
  if (bytes.byteLength % 4 !== 0)
    return fail(`${DATA}: ${bytes.byteLength} bytes is not a whole number of float32 values`);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const tensors = new Map<string, StoredTensor>();
  for (const entry of manifest.tensors) {
    if (entry.offset + entry.length > data.length) {
      return fail(
        `${DATA}: tensor ${entry.name} needs values up to ${entry.offset + entry.length}, file has ${data.length}`,
      );
    }
    tensors.set(entry.name, {
      shape: entry.shape,
      data: data.subarray(entry.offset, entry.offset + entry.length),
    });
  }
  return E.right({ metadata: manifest.metadata, tensors });
}

interface Manifest {
  readonly format: string;
  readonly version: number;
  readonly metadata: Record<string, unknown>;
  readonly tensors: readonly { name: string; shape: number[]; offset: number; length: number }[];
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.format === FORMAT &&
    record.version === VERSION &&
    typeof record.metadata === 'object' &&
    record.metadata !== null &&
    Array.isArray(record.tensors) &&
    record.tensors.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as Record<string, unknown>).name === 'string' &&
        Array.isArray((entry as Record<string, unknown>).shape) &&
        Number.isInteger((entry as Record<string, unknown>).offset) &&
        Number.isInteger((entry as Record<string, unknown>).length),
    )
  );
}
