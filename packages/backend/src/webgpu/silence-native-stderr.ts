import { closeSync, openSync } from 'node:fs';

/**
 * Runs `action` with file descriptor 2 pointing at /dev/null, then points it back at what it was.
 * Native libraries (Dawn, the Vulkan loader, Mesa's drivers) write warnings straight to fd 2, which
 * Node offers no way to redirect; closing fd 2 and opening /dev/null reuses the lowest free
 * descriptor, 2, and the original is reopened through /proc/self/fd the same way. Without /proc (not
 * Linux) or when fd 2 cannot be reopened (a socket), `action` runs unchanged.
 *
 * Only for the short native calls that initialise Dawn in this process: JavaScript writes to
 * `process.stderr` made meanwhile are lost too (a terminal's stream keeps its own descriptor).
 */
export async function withNativeStderrSilenced<T>(action: () => Promise<T>): Promise<T> {
  let original: number;
  try {
    original = openSync('/proc/self/fd/2', 'a');
  } catch {
    return action();
  }
  if (!pointStderrAt('/dev/null')) {
    closeSync(original);
    return action();
  }
  try {
    return await action();
  } finally {
    pointStderrAt(`/proc/self/fd/${original}`);
    closeSync(original);
  }
}

/** Reopens fd 2 on `path`; false (fd 2 left as it was opened) if the lowest free descriptor was not 2. */
function pointStderrAt(path: string): boolean {
  closeSync(2);
  const descriptor = openSync(path, 'a');
  if (descriptor === 2) return true;
  closeSync(descriptor);
  return false;
}
