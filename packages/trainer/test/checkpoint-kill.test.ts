import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { transformWithEsbuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pointLatest,
  readCheckpoint,
  removeCheckpointLeftovers,
  writeCheckpoint,
} from '../src/node/checkpoint-file.js';

// A real `kill -9` at every file-system system call of a checkpoint write, by strace's fault
// injection; checkpoint-crash.test.ts does the same at every call of the writer without strace.
const hasStrace =
  spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', process.execPath, '-e', '']).status === 0;

/**
 * System calls by the step they make, each killed at its 1st, 2nd, … invocation in turn, and how
 * many a save makes at least (its folder; two files written and flushed; the folder and the link
 * renamed into place; the link).
 */
const STEPS = {
  mkdir: { calls: 'mkdir,mkdirat', atLeast: 1 },
  write: { calls: 'write,pwrite64,writev,pwritev', atLeast: 2 },
  fsync: { calls: 'fsync,fdatasync', atLeast: 2 },
  rename: { calls: 'rename,renameat,renameat2', atLeast: 2 },
  symlink: { calls: 'symlink,symlinkat', atLeast: 1 },
};

const sources = join(import.meta.dirname, '..', 'src', 'node');
let child: string;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'halp-kill-'));
  // The child runs the writer's own code: its two modules compiled to JavaScript beside the sources'
  // package, so that `fp-ts` resolves as it does for the package.
  child = await mkdtemp(join(sources, '..', '.kill-test-'));
  for (const name of ['checkpoint-file', 'checkpoint-file-system']) {
    const source = await readFile(join(sources, `${name}.ts`), 'utf8');
    await writeFile(join(child, `${name}.js`), (await transformWithEsbuild(source, `${name}.ts`)).code);
  }
  await writeFile(
    join(child, 'save.mjs'),
    `import { pointLatest, writeCheckpoint } from './checkpoint-file.js';
const [directory, epoch] = process.argv.slice(2);
const name = 'epoch-' + epoch.padStart(4, '0');
const data = Float32Array.from({ length: 6 }, (_, i) => Number(epoch) * 10 + i);
await writeCheckpoint(directory, name, { metadata: { epoch: Number(epoch) }, tensors: new Map([['w', { shape: [2, 3], data }]]) });
await pointLatest(directory, name);
`,
  );
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  if (child !== undefined) await rm(child, { recursive: true, force: true });
});

async function latestEpoch(directory: string): Promise<number | string> {
  const read = await readCheckpoint(join(directory, 'latest'));
  if (E.isLeft(read)) return read.left.message;
  const epoch = read.right.metadata.epoch as number;
  expect(Array.from(read.right.tensors.get('w')!.data)).toEqual(
    Array.from({ length: 6 }, (_, i) => epoch * 10 + i),
  );
  return epoch;
}

const title = hasStrace
  ? 'a checkpoint write killed by strace at each system call'
  : 'skipped: strace is not installed or cannot trace here (apt-get install strace)';

describe.skipIf(!hasStrace)(title, () => {
  it.each(Object.entries(STEPS))(
    '%s: latest always names a complete checkpoint',
    async (step, { calls, atLeast }) => {
      let killAt = 1;
      for (let completed = false; !completed; killAt += 1) {
        const directory = join(scratch, `${step}-${killAt}`);
        await mkdir(directory, { recursive: true });
        const data = Float32Array.from({ length: 6 }, (_, i) => 10 + i);
        await writeCheckpoint(directory, 'epoch-0001', {
          metadata: { epoch: 1 },
          tensors: new Map([['w', { shape: [2, 3], data }]]),
        });
        await pointLatest(directory, 'epoch-0001');
        // One libuv worker thread: strace counts invocations per thread.
        const run = spawnSync(
          'strace',
          [
            '-f',
            '-qq',
            '-o',
            '/dev/null',
            '-e',
            `inject=${calls}:signal=KILL:when=${killAt}`,
            process.execPath,
            join(child, 'save.mjs'),
            directory,
            '2',
          ],
          { env: { ...process.env, UV_THREADPOOL_SIZE: '1' }, encoding: 'utf8' },
        );
        completed = run.status === 0;
        if (!completed)
          expect(run.signal ?? run.stderr, `${step} #${killAt}`).toMatch(/SIGKILL|Killed|killed/);
        const after = await latestEpoch(directory);
        expect([1, 2], `killed at ${step} #${killAt}: ${after}`).toContain(after);
        if (completed) expect(after).toBe(2);
        await removeCheckpointLeftovers(directory);
        expect((await readdir(directory)).filter((entry) => entry.startsWith('.'))).toEqual([]);
      }
      // killAt − 2 kills happened before the run that completed.
      expect(killAt - 2).toBeGreaterThanOrEqual(atLeast);
    },
  );
});
