import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimRunFolder, RUN_LOCK, RunFolderError } from '../src/node/run-folder.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-run-folder-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const outputs = ['checkpoints', 'metrics.jsonl'];

/** The pid of a process that has ended (as a run killed with -9 leaves in its lock). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('claimRunFolder', () => {
  it('gives a folder to one run at a time and frees it on release', async () => {
    const folder = join(scratch, 'one-at-a-time');
    // Many at once, all within one millisecond (the clock is held still).
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    const claims = await Promise.allSettled(
      Array.from({ length: 20 }, () => claimRunFolder(folder, 'new', outputs)),
    ).finally(() => now.mockRestore());
    expect(claims.filter((claim) => claim.status === 'fulfilled')).toHaveLength(1);
    const refused = claims.find((claim) => claim.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RunFolderError);
    expect(refused.reason.message).toMatch(new RegExp(`is in use by another run \\(pid ${process.pid} on `));
    await (
      claims.find((claim) => claim.status === 'fulfilled') as PromiseFulfilledResult<{
        release(): Promise<void>;
      }>
    ).value.release();
    expect(existsSync(join(folder, RUN_LOCK))).toBe(false);
    const again = await claimRunFolder(folder, 'new', outputs);
    await again.release();
  });

  it('takes over the lock of a run that was killed', async () => {
    const folder = join(scratch, 'stale');
    await mkdir(folder, { recursive: true });
    const pid = await deadPid();
    await writeFile(join(folder, RUN_LOCK), JSON.stringify({ pid, host: hostname(), started: 'then' }));
    const claim = await claimRunFolder(folder, 'resume', outputs);
    await claim.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process (Linux: the start time differs)',
    async () => {
      const folder = join(scratch, 'reused-pid');
      await mkdir(folder, { recursive: true });
      const lock = { pid: process.pid, host: hostname(), started: 'then', startTicks: '1' };
      await writeFile(join(folder, RUN_LOCK), JSON.stringify(lock));
      const claim = await claimRunFolder(folder, 'resume', outputs);
      await claim.release();
    },
  );

  it('refuses a folder that holds a run unless resuming or overwriting, and overwrites only its outputs', async () => {
    const folder = join(scratch, 'used');
    await mkdir(join(folder, 'checkpoints', 'epoch-0001'), { recursive: true });
    await writeFile(join(folder, 'metrics.jsonl'), '{}\n');
    await writeFile(join(folder, 'notes.txt'), 'mine');
    await expect(claimRunFolder(folder, 'new', outputs)).rejects.toThrow(
      /used is not empty \(checkpoints, metrics\.jsonl, notes\.txt\): --resume <checkpoint> continues its run, --overwrite replaces it/,
    );
    expect(existsSync(join(folder, RUN_LOCK))).toBe(false);
    const resumed = await claimRunFolder(folder, 'resume', outputs);
    expect(resumed.removed).toEqual([]);
    await resumed.release();
    const overwritten = await claimRunFolder(folder, 'overwrite', outputs);
    expect([...overwritten.removed].sort()).toEqual(['checkpoints', 'metrics.jsonl']);
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['notes.txt']));
    await overwritten.release();
    expect(await readdir(folder)).toEqual(['notes.txt']);
  });
});
