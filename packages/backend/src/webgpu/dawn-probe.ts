import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { AdapterDescription } from './adapter-kind.js';

/** What a probe of Dawn found: an adapter, or why none; `nativeOutput` is what Dawn wrote on stderr. */
export type DawnProbe =
  | { readonly found: true; readonly adapter: AdapterDescription; readonly nativeOutput: string }
  | { readonly found: false; readonly reason: string; readonly nativeOutput: string };

/**
 * Asks Dawn for its high-performance adapter in a child Node process. Dawn and the Vulkan loader
 * write warnings straight to file descriptor 2 from native code (`Couldn't load Vulkan`,
 * `XDG_RUNTIME_DIR is invalid`, lavapipe's `shaderUniform*ArrayDynamicIndexing required`), which a
 * Node program cannot intercept in its own process; in a child they are captured and never reach the
 * user's terminal. Runs once per process and Dawn module.
 */
export function probeDawn(dawnModulePath: string): Promise<DawnProbe> {
  let probe = probes.get(dawnModulePath);
  if (probe === undefined) {
    probe = runProbe(dawnModulePath);
    probes.set(dawnModulePath, probe);
  }
  return probe;
}

const probes = new Map<string, Promise<DawnProbe>>();

/** Generous: a first Vulkan initialisation with several drivers installed takes a few seconds. */
const PROBE_TIMEOUT_MS = 60_000;

// Prints the adapter's info as one JSON line (null without an adapter) and exits: Dawn's threads
// would otherwise keep the child alive.
const PROBE_SCRIPT = `
const { create } = await import(process.argv[1]);
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
const info = adapter?.info ?? {};
process.stdout.write(JSON.stringify(adapter == null ? null : {
  vendor: info.vendor ?? '', architecture: info.architecture ?? '', device: info.device ?? '',
  description: info.description ?? '', isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter,
}) + '\\n');
process.exit(0);
`;

function runProbe(dawnModulePath: string): Promise<DawnProbe> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', PROBE_SCRIPT, pathToFileURL(dawnModulePath).href],
      { timeout: PROBE_TIMEOUT_MS, maxBuffer: 1 << 20, windowsHide: true },
      (error, stdout, stderr) => {
        const nativeOutput = String(stderr);
        const lastLine = String(stdout).trim().split('\n').at(-1) ?? '';
        if (error !== null && lastLine === '') {
          const cause = error.killed
            ? `timed out after ${PROBE_TIMEOUT_MS / 1000} s`
            : firstNonEmptyLine(nativeOutput);
          resolve({ found: false, reason: `probing Dawn failed: ${cause || error.message}`, nativeOutput });
          return;
        }
        try {
          const adapter = JSON.parse(lastLine) as AdapterDescription | null;
          resolve(
            adapter === null
              ? { found: false, reason: noAdapterReason(nativeOutput), nativeOutput }
              : { found: true, adapter, nativeOutput },
          );
        } catch {
          resolve({ found: false, reason: `probing Dawn printed no adapter description`, nativeOutput });
        }
      },
    );
  });
}

/** Dawn's most telling warning, in our words. */
function noAdapterReason(nativeOutput: string): string {
  const base = 'Dawn found no GPU adapter (requestAdapter() returned null)';
  if (/Couldn't load Vulkan/i.test(nativeOutput)) return `${base}: no Vulkan loader (install libvulkan1)`;
  if (/ArrayDynamicIndexing required/i.test(nativeOutput)) {
    return `${base}: the only Vulkan driver (Mesa's lavapipe) lacks features Dawn requires, and no GPU driver is installed`;
  }
  return `${base}: it needs a Vulkan loader (libvulkan1) and a GPU driver`;
}

function firstNonEmptyLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}
