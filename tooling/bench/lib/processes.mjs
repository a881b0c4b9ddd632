// Child processes that report one result as JSON: a benchmark's worker or a Python reference.
import { spawnSync } from 'node:child_process';

/**
 * Runs `command` with `commandArgs` (its stderr shown as it comes, for progress and errors) and
 * parses the last line of its stdout as JSON; throws if it exits with a failure.
 */
export function runJson(command, commandArgs) {
  const run = spawnSync(command, commandArgs, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${run.status ?? run.error?.message}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}
