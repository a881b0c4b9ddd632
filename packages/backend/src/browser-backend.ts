import { getBackend, setBackend } from '@tensorflow/tfjs-core';
import { type BackendAttempt, NoBackendAvailableError, type SelectedBackend } from './backend-attempt.js';
import { type BackendCandidate, parseBackendPreference } from './backend-preference.js';
import { registerFastWasmKernels } from './wasm-kernels/fast-wasm-kernels.js';

/** The candidates a browser can run, in the order `auto` tries them (tfjs-node needs Node). */
export const BROWSER_BACKEND_CANDIDATES = ['webgpu', 'wasm', 'cpu'] as const;

export interface SelectBrowserBackendOptions {
  /** `auto` tries webgpu, wasm, cpu in that order; `tensorflow` is refused with a reason. */
  readonly preference?: string;
  /**
   * Where the page serves tfjs-backend-wasm's `.wasm` binaries (a URL prefix ending in `/`, for
   * `setWasmPaths`). Without it tfjs looks next to the bundle.
   */
  readonly wasmPaths?: string;
  /** Receives one line saying what was picked and why the others were skipped. */
  readonly log?: (line: string) => void;
}

type Outcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly reason: string };

// The package compiles without the DOM library; this is the one property read from it.
interface NavigatorWithGpu {
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

/**
 * Activates a tfjs backend in a browser and says why, like `selectBackend` does under Node:
 * WebGPU when the browser exposes an adapter, else WASM (with the fast kernels), else CPU. The
 * backend modules are imported on demand, so a page bundles only what it may use. An explicit
 * preference never falls back: if it fails, {@link NoBackendAvailableError} says why.
 *
 * @throws InvalidBackendPreferenceError for an unknown preference.
 * @throws NoBackendAvailableError when no candidate works.
 */
export async function selectBrowserBackend(
  options: SelectBrowserBackendOptions = {},
): Promise<SelectedBackend> {
  const preference = parseBackendPreference(options.preference ?? 'auto');
  const candidates: readonly BackendCandidate[] =
    preference === 'auto' ? BROWSER_BACKEND_CANDIDATES : [preference];
  const attempts: BackendAttempt[] = [];
  for (const candidate of candidates) {
    const outcome = await activate(candidate, options);
    attempts.push({ candidate, ok: outcome.ok, reason: outcome.ok ? outcome.detail : outcome.reason });
    if (outcome.ok) {
      const skipped = attempts.filter((a) => !a.ok).map((a) => `${a.candidate} skipped: ${a.reason}`);
      options.log?.([`tfjs backend: ${candidate} (${outcome.detail})`, ...skipped].join('\n  '));
      return { name: candidate, reasons: attempts };
    }
  }
  throw new NoBackendAvailableError(attempts);
}

async function activate(candidate: BackendCandidate, options: SelectBrowserBackendOptions): Promise<Outcome> {
  const prepared = await prepare(candidate, options);
  if (!prepared.ok) return prepared;
  try {
    if ((await setBackend(candidate)) && getBackend() === candidate) return prepared;
    return { ok: false, reason: `tf.setBackend('${candidate}') failed to initialise it` };
  } catch (error) {
    return { ok: false, reason: `tf.setBackend('${candidate}') threw: ${String(error)}` };
  }
}

async function prepare(candidate: BackendCandidate, options: SelectBrowserBackendOptions): Promise<Outcome> {
  try {
    switch (candidate) {
      case 'tensorflow':
        return { ok: false, reason: 'tfjs-node runs only under Node' };
      case 'webgpu': {
        const gpu = (globalThis as { navigator?: NavigatorWithGpu }).navigator?.gpu;
        if (gpu === undefined) return { ok: false, reason: 'this browser has no navigator.gpu' };
        if ((await gpu.requestAdapter()) === null) {
          return { ok: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
        }
        await import('@tensorflow/tfjs-backend-webgpu');
        return { ok: true, detail: 'navigator.gpu' };
      }
      case 'wasm': {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
        registerFastWasmKernels();
        return { ok: true, detail: 'fast kernels' };
      }
      case 'cpu':
        await import('@tensorflow/tfjs-backend-cpu');
        return { ok: true, detail: 'plain JavaScript' };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `${candidate} backend unavailable: ${message.split('\n', 1)[0]}` };
  }
}
