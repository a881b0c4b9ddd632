import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { ioError } from '../../io/io-error.js';
import { ndArray } from '../../io/nd-array.js';
import { orThrow } from '../../prepare/task-either-steps.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { writeNpy } from '../io/npy-write.js';

/**
 * Progress of one output part, kept on disk so that an interrupted run can resume: processed
 * samples are written in chunks (`chunk-<n>.npy`, float32 clips) inside a work folder, and
 * `state.json` lists the completed chunks with a {@link ChunkSummary} each. A state written for
 * another sample list or other options (a different `fingerprint`) is discarded.
 */
export interface PartCheckpoint {
  readonly directory: string;
  readonly fingerprint: string;
  readonly chunkSize: number;
  /** Summary of each completed chunk, by chunk index. */
  readonly completed: Map<number, ChunkSummary>;
}

/** What the final files need from a processed chunk besides its clips. */
export interface ChunkSummary {
  /** `num_frame` of each sample of the chunk. */
  readonly numFrame: readonly number[];
  /** Samples of the chunk in which no body was found (all-zero clips). */
  readonly emptySamples: readonly string[];
}

interface StoredState {
  readonly version: typeof STATE_VERSION;
  readonly fingerprint: string;
  readonly chunkSize: number;
  readonly completed: Record<string, ChunkSummary>;
}

const STATE_FILE = 'state.json';
/** Layout of `state.json`; a state of another layout is discarded. */
const STATE_VERSION = 1;

export function chunkPath(checkpoint: PartCheckpoint, chunk: number): string {
  return join(checkpoint.directory, `chunk-${String(chunk).padStart(6, '0')}.npy`);
}

/** Opens the work folder: resumes a matching state when `resume` is set, otherwise starts empty. */
export async function openCheckpoint(
  directory: string,
  fingerprint: string,
  chunkSize: number,
  resume: boolean,
): Promise<PartCheckpoint> {
  const stored = resume ? await readState(directory) : undefined;
  const matches =
    stored?.version === STATE_VERSION && stored.fingerprint === fingerprint && stored.chunkSize === chunkSize;
  if (stored !== undefined && matches) {
    const completed = new Map(
      Object.entries(stored.completed).map(([chunk, summary]) => [Number(chunk), summary]),
    );
    return { directory, fingerprint, chunkSize, completed };
  }
  await removeCheckpoint({ directory });
  await orThrow(
    TE.tryCatch(
      () => mkdir(directory, { recursive: true }),
      (cause) => ioError(directory, 'create directory', 'a writable output folder', cause),
    ),
  );
  return { directory, fingerprint, chunkSize, completed: new Map() };
}

async function readState(directory: string): Promise<StoredState | undefined> {
  try {
    return JSON.parse(await readFile(join(directory, STATE_FILE), 'utf8')) as StoredState;
  } catch {
    // No state yet, or not JSON (it is written atomically, so only an outside edit does that): start over.
    return undefined;
  }
}

/**
 * Stores a processed chunk (`clips` holds `summary.numFrame.length` clips of `clipShape`), then
 * records it in the state; both writes are atomic, so a crash never leaves a chunk marked done but
 * incomplete.
 */
export async function recordChunk(
  checkpoint: PartCheckpoint,
  chunk: number,
  clips: Float32Array,
  clipShape: readonly number[],
  summary: ChunkSummary,
): Promise<void> {
  const shape = [summary.numFrame.length, ...clipShape];
  await orThrow(writeNpy(chunkPath(checkpoint, chunk), ndArray('float32', shape, clips)));
  checkpoint.completed.set(chunk, summary);
  const state: StoredState = {
    version: STATE_VERSION,
    fingerprint: checkpoint.fingerprint,
    chunkSize: checkpoint.chunkSize,
    completed: Object.fromEntries(checkpoint.completed),
  };
  const path = join(checkpoint.directory, STATE_FILE);
  await orThrow(writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(state))));
}

/** Deletes the work folder once the outputs are complete. */
export async function removeCheckpoint(checkpoint: Pick<PartCheckpoint, 'directory'>): Promise<void> {
  await orThrow(
    TE.tryCatch(
      () => rm(checkpoint.directory, { recursive: true, force: true }),
      (cause) => ioError(checkpoint.directory, 'remove directory', 'a removable work folder', cause),
    ),
  );
}
