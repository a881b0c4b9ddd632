import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { CheckpointContents, StoredTensor } from '../checkpoint-contents.js';
import { type CheckpointFileSystem, nodeCheckpointFileSystem } from './checkpoint-file-system.js';

export interface CheckpointError {
  readonly _tag: 'CheckpointError';
  readonly path: string;
  readonly message: string;
}

const FORMAT = 'halp-checkpoint';
const VERSION = 1;
const MANIFEST = 'checkpoint.json';
const DATA = 'tensors.bin';

/** A checkpoint could not be written: names the file and the cause (e.g. ENOSPC). */
export class CheckpointWriteError extends Error {
  override readonly name = 'CheckpointWriteError';
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`cannot write checkpoint file ${path}: ${describeCause(cause)}`);
  }
}

/** A checkpoint would hold NaN or ±Infinity: it is refused, so that every checkpoint is good. */
export class NonFiniteCheckpointError extends Error {
  override readonly name = 'NonFiniteCheckpointError';
  constructor(
    readonly tensor: string,
    readonly count: number,
    readonly value: number,
  ) {
    super(`${tensor} holds ${count} non-finite value${count === 1 ? '' : 's'} (e.g. ${value})`);
  }
}

/** The first tensor with a NaN or ±Infinity, with how many it has; undefined when all are finite. */
export function firstNonFiniteTensor(
  tensors: ReadonlyMap<string, StoredTensor>,
): { readonly tensor: string; readonly count: number; readonly value: number } | undefined {
  for (const [tensor, { data }] of tensors) {
    let count = 0;
    let value = 0;
    for (let i = 0; i < data.length; i += 1) {
      // x − x is 0 for every finite x and NaN for NaN and ±Infinity: one branch per value.
      if (data[i]! - data[i]! !== 0) {
        if (count === 0) value = data[i]!;
        count += 1;
      }
    }
    if (count > 0) return { tensor, count, value };
  }
  return undefined;
}

let temporaryCounter = 0;

/** A sibling name for work in progress, removed by {@link removeCheckpointLeftovers} if a crash leaves it. */
function temporaryName(name: string, kind: 'tmp' | 'old'): string {
  temporaryCounter += 1;
  return `.${name}.${kind}-${process.pid}-${temporaryCounter}`;
}

const LEFTOVER = /^\..+\.(tmp|old)-\d+-\d+$/;

/**
 * Writes a checkpoint folder `<directory>/<name>` atomically: everything goes into a temporary
 * sibling folder, flushed, then renamed into place, so a crash never leaves a half-written
 * checkpoint under the final name. An existing checkpoint of the same name is moved aside first and
 * removed after. A checkpoint with a non-finite value is refused before anything is written
 * ({@link NonFiniteCheckpointError}); a failing write names its file ({@link CheckpointWriteError}).
 */
export async function writeCheckpoint(
  directory: string,
  name: string,
  contents: CheckpointContents,
  fileSystem: CheckpointFileSystem = nodeCheckpointFileSystem,
): Promise<string> {
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
  const nonFinite = firstNonFiniteTensor(contents.tensors);
  if (nonFinite !== undefined) {
    throw new NonFiniteCheckpointError(nonFinite.tensor, nonFinite.count, nonFinite.value);
  }
  const data = new Float32Array(offset);
  for (const entry of entries) data.set(contents.tensors.get(entry.name)!.data, entry.offset);
  const manifest = { format: FORMAT, version: VERSION, metadata: contents.metadata, tensors: entries };

  const target = join(directory, name);
  const temporary = join(directory, temporaryName(name, 'tmp'));
  const step = async (path: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      throw error instanceof CheckpointWriteError ? error : new CheckpointWriteError(path, error);
    }
  };
  try {
    await step(temporary, () => fileSystem.mkdir(temporary));
    await step(join(temporary, DATA), () =>
      fileSystem.writeFile(join(temporary, DATA), new Uint8Array(data.buffer)),
    );
    await step(join(temporary, MANIFEST), () =>
      fileSystem.writeFile(join(temporary, MANIFEST), `${JSON.stringify(manifest)}\n`),
    );
  } catch (error) {
    await fileSystem.rm(temporary).catch(() => undefined);
    throw error;
  }
  const replaced =
    (await fileSystem.kind(target)) === undefined ? undefined : join(directory, temporaryName(name, 'old'));
  if (replaced !== undefined) await step(target, () => fileSystem.rename(target, replaced));
  await step(target, () => fileSystem.rename(temporary, target));
  if (replaced !== undefined) await step(replaced, () => fileSystem.rm(replaced));
  return target;
}

/** The name under which a checkpoint folder always names the newest complete checkpoint. */
export const LATEST = 'latest';

/**
 * Points `<directory>/latest` at the checkpoint `<directory>/<name>` in one atomic step: a new
 * relative symbolic link is made under a temporary name and renamed over the old one, so at every
 * instant `latest` names a complete checkpoint (the previous one or this one). A `latest` folder
 * written by an earlier version is moved aside first (the one moment without a `latest`).
 */
export async function pointLatest(
  directory: string,
  name: string,
  fileSystem: CheckpointFileSystem = nodeCheckpointFileSystem,
): Promise<string> {
  const latest = join(directory, LATEST);
  const link = join(directory, temporaryName(LATEST, 'tmp'));
  try {
    await fileSystem.symlink(name, link);
    const old =
      (await fileSystem.kind(latest)) === 'directory'
        ? join(directory, temporaryName(LATEST, 'old'))
        : undefined;
    if (old !== undefined) await fileSystem.rename(latest, old);
    await fileSystem.rename(link, latest);
    if (old !== undefined) await fileSystem.rm(old);
  } catch (error) {
    throw new CheckpointWriteError(latest, error);
  }
  return latest;
}

/**
 * Removes what an interrupted {@link writeCheckpoint} or {@link pointLatest} left in `directory`
 * (temporary and moved-aside folders and links) and returns their names. A `latest` folder of an
 * earlier version that was moved aside and not yet replaced is put back. Call it only when no other
 * process writes there (a run holds its folder's lock).
 */
export async function removeCheckpointLeftovers(
  directory: string,
  fileSystem: CheckpointFileSystem = nodeCheckpointFileSystem,
): Promise<readonly string[]> {
  const leftovers = (await fileSystem.readdir(directory)).filter((entry) => LEFTOVER.test(entry));
  const movedLatest = leftovers.find((entry) => entry.startsWith(`.${LATEST}.old-`));
  let restored: string | undefined;
  if (movedLatest !== undefined && (await fileSystem.kind(join(directory, LATEST))) === undefined) {
    await fileSystem.rename(join(directory, movedLatest), join(directory, LATEST));
    restored = movedLatest;
  }
  const removed = leftovers.filter((entry) => entry !== restored);
  for (const entry of removed) await fileSystem.rm(join(directory, entry));
  return removed;
}

function describeCause(cause: unknown): string {
  // Node's messages already say what failed ("ENOSPC: no space left on device, write"), not where.
  return cause instanceof Error ? cause.message : String(cause);
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
  const nonFinite = firstNonFiniteTensor(tensors);
  if (nonFinite !== undefined) {
    return fail(
      `${DATA}: tensor ${nonFinite.tensor} holds ${nonFinite.count} non-finite values (e.g. ${nonFinite.value}); not a usable checkpoint`,
    );
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
