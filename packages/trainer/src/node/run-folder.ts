import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file that says which process owns a run folder. */
export const RUN_LOCK = '.halp-run.lock';

/**
 * How a run may use a folder: `new` only an empty one, `resume` one that holds the run it continues,
 * `overwrite` one whose earlier run's outputs it removes first.
 */
export type RunFolderMode = 'new' | 'resume' | 'overwrite';

/** A run folder is in use by a live run, or holds a run that the user did not ask to resume or replace. */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
}

/** A folder this process owns until {@link RunFolderClaim.release}. */
export interface RunFolderClaim {
  readonly folder: string;
  /** Outputs of an earlier run removed by `overwrite`. */
  readonly removed: readonly string[];
  release(): Promise<void>;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  /** The process's start time in clock ticks since boot (Linux), which tells a reused pid apart. */
  readonly startTicks?: string;
}

/**
 * Claims `folder` for one run. The lock is a file naming the owner's pid and host, created in one
 * step (a hard link of a complete file), so two runs started together cannot both get it. A lock
 * whose process is gone (a crashed or killed run) is taken over; one whose process is alive makes
 * this claim fail. Then, unless resuming, the folder must be empty; `overwrite` first removes the
 * earlier run's `outputs` (other files are left alone).
 *
 * Limits: liveness is checked with `kill(pid, 0)` on this host only (a lock written on another host
 * of a shared file system is treated as live). On Linux the owner's start time is recorded too, so
 * a pid reused by another process does not keep a stale lock; elsewhere it does, until that
 * process ends.
 */
export async function claimRunFolder(
  folder: string,
  mode: RunFolderMode,
  outputs: readonly string[],
): Promise<RunFolderClaim> {
  await mkdir(folder, { recursive: true });
  const lock = join(folder, RUN_LOCK);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    startTicks: await processStartTicks(process.pid),
  };
  await takeLock(lock, owner, folder);
  const release = async () => {
    const current = await readOwner(lock);
    if (current?.pid === owner.pid && current.host === owner.host && current.started === owner.started) {
      await rm(lock, { force: true });
    }
  };
  try {
    const entries = (await readdir(folder)).filter(
      (entry) => entry !== RUN_LOCK && !entry.startsWith(`${RUN_LOCK}.`),
    );
    let removed: string[] = [];
    if (mode === 'overwrite') {
      removed = entries.filter((entry) => outputs.includes(entry));
      for (const entry of removed) await rm(join(folder, entry), { recursive: true, force: true });
    } else if (mode === 'new' && entries.length > 0) {
      throw new RunFolderError(
        `${folder} is not empty (${entries.slice(0, 4).join(', ')}${entries.length > 4 ? ', …' : ''}): ` +
          '--resume <checkpoint> continues its run, --overwrite replaces it, or give another --out',
      );
    }
    return { folder, removed, release };
  } catch (error) {
    await release();
    throw error;
  }
}

async function takeLock(lock: string, owner: LockOwner, folder: string): Promise<void> {
  // A name of its own ('wx'): the draft becomes the lock's inode once linked, so another claim must
  // never write into it.
  const draft = `${lock}.${randomUUID()}`;
  await writeFile(draft, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(draft, lock);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readOwner(lock);
      if (holder !== undefined && (await isAlive(holder))) {
        throw new RunFolderError(
          `${folder} is in use by another run (pid ${holder.pid} on ${holder.host}, since ${holder.started}); ` +
            'wait for it to end or give another --out',
        );
      }
      // The holder is gone (killed or crashed): its lock is stale. If another run takes it over
      // between this removal and the retry, the retry sees that run alive.
      await rm(lock, { force: true });
    }
    throw new RunFolderError(`${folder} is being claimed by another run; try again or give another --out`);
  } finally {
    await rm(draft, { force: true });
  }
}

async function readOwner(lock: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(lock, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function isAlive(owner: LockOwner): Promise<boolean> {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = await processStartTicks(owner.pid);
  return owner.startTicks === undefined || ticks === undefined || ticks === owner.startTicks;
}

/** Field 22 of `/proc/<pid>/stat` (after the parenthesised command name), or undefined off Linux. */
async function processStartTicks(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
