import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { findBackend, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
import { locateWasmPackageFiles, type WasmPackageFiles } from './wasm-files.js';
import { WASM_BACKEND_NAME } from './wasm-kernels/stock-kernels.js';

const require = createRequire(import.meta.url);

/** Same priority tfjs-backend-wasm registers its backend with. */
const WASM_BACKEND_PRIORITY = 2;
/** The threaded build's pthread pool size (fixed at compile time), hence its most XNNPACK threads. */
const MAX_THREADS = 8;
/** How long the module and its pthread workers may take to start before we give up. */
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * The outcome of {@link installThreadedWasmBackend}: ready with `threads` threads (the request, at
 * most 8), or why not (the stock backend stays).
 */
export type ThreadedWasmOutcome =
  | { readonly ok: true; readonly threads: number }
  | { readonly ok: false; readonly reason: string };

// The package compiles without the DOM library, which is where TypeScript declares WebAssembly.
type WasmImports = Record<string, Record<string, unknown>>;
interface WasmInstantiation {
  readonly instance: object;
  readonly module: object;
}
declare const WebAssembly: {
  instantiate(binary: Uint8Array, imports: WasmImports): Promise<WasmInstantiation>;
};

/** The subset of an Emscripten module factory config this module sets (all documented Emscripten options). */
interface EmscriptenConfig {
  locateFile(path: string, prefix: string): string;
  mainScriptUrlOrBlob: string;
  instantiateWasm(imports: WasmImports, receiveInstance: (instance: object, module: object) => void): object;
}

interface EmscriptenModule {
  cwrap(name: string, returnType: string | null, argumentTypes: string[]): (...args: number[]) => number;
  PThread?: { terminateAllThreads(): void; runningWorkers: { unref(): void }[] };
  tfjs?: Record<string, (...args: number[]) => number>;
}

type EmscriptenFactory = (config: EmscriptenConfig) => Promise<EmscriptenModule>;

/**
 * Replaces the registered `wasm` backend by tfjs-backend-wasm's own threaded SIMD build, started with
 * `threads` XNNPACK threads. Call before the WASM backend is first initialised (`tf.setBackend`).
 *
 * Why this is needed: tfjs 4.22 never loads the threaded build under Node (the flag
 * `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false there, tfjs issue #3830), and forcing the flag
 * is not enough: its pthread workers are started from a Blob URL, which Node's `worker_threads`
 * cannot load, and the C++ side caps the thread pool at half of `os.cpus().length` (one thread on a
 * two-core machine) whatever count is asked for.
 *
 * How, without patching any global: the Emscripten factory is called directly with documented
 * options only — `locateFile` points the pthread worker at a file copy of the worker script that
 * tfjs ships as a string, `mainScriptUrlOrBlob` at the factory script itself, and `instantiateWasm`
 * instantiates the binary with the module's own imports except `emscripten_num_logical_cores`, which
 * reports 2 × `threads` so that the half-the-cores cap equals the requested count. The module is then
 * wrapped by tfjs's public `BackendWasm` exactly like tfjs's own `init()` does.
 *
 * Never throws: on any failure the stock single-threaded backend stays registered and the reason is
 * returned.
 */
export async function installThreadedWasmBackend(threads: number): Promise<ThreadedWasmOutcome> {
  if (!Number.isInteger(threads) || threads < 2) {
    return { ok: false, reason: `threads must be an integer ≥ 2 to use the threaded build, got ${threads}` };
  }
  if (findBackend(WASM_BACKEND_NAME) != null) {
    return {
      ok: false,
      reason: 'the WASM backend is already initialised; threads must be set before its first use',
    };
  }
  if (typeof SharedArrayBuffer === 'undefined') {
    return { ok: false, reason: 'SharedArrayBuffer is not available in this runtime' };
  }
  const threadCount = Math.min(threads, MAX_THREADS);
  let module: EmscriptenModule | undefined;
  try {
    const files = locateWasmPackageFiles();
    const factory = require(files.threadedFactoryScript) as EmscriptenFactory;
    const { config, instantiationFailure } = emscriptenConfig(files, threadCount);
    module = await withTimeout(Promise.race([factory(config), instantiationFailure]), STARTUP_TIMEOUT_MS);
    module.tfjs = tfjsBridge(module);
  } catch (error) {
    module?.PThread?.terminateAllThreads();
    return { ok: false, reason: `the threaded WASM build failed to start: ${describeError(error)}` };
  }
  const threadedModule = module;
  setThreadsCount(threadCount);
  removeBackend(WASM_BACKEND_NAME);
  registerBackend(
    WASM_BACKEND_NAME,
    () => {
      const backend = new BackendWasm(
        threadedModule as unknown as ConstructorParameters<typeof BackendWasm>[0],
      );
      // The XNNPACK pool's threads live as long as the backend, and Emscripten keeps a Node worker
      // referenced while its thread runs, so the process could never exit. They only ever work
      // while the main thread waits for them inside a kernel, so they need not keep it alive.
      for (const worker of threadedModule.PThread?.runningWorkers ?? []) worker.unref();
      return backend;
    },
    WASM_BACKEND_PRIORITY,
  );
  return { ok: true, threads: threadCount };
}

/** The factory config, and a promise that rejects if instantiating the binary fails. */
function emscriptenConfig(
  files: WasmPackageFiles,
  threads: number,
): { config: EmscriptenConfig; instantiationFailure: Promise<never> } {
  const workerScript = writeWorkerScript(files);
  let reportFailure: (error: unknown) => void = () => {};
  const instantiationFailure = new Promise<never>((_, reject) => {
    reportFailure = reject;
  });
  const config: EmscriptenConfig = {
    locateFile: (path, prefix) => {
      if (path.endsWith('.worker.js')) return workerScript;
      if (path.endsWith('.wasm')) return files.threadedBinary;
      return prefix + path;
    },
    mainScriptUrlOrBlob: files.threadedFactoryScript,
    instantiateWasm: (imports, receiveInstance) => {
      const env = { ...imports.env, emscripten_num_logical_cores: () => 2 * threads };
      WebAssembly.instantiate(readFileSync(files.threadedBinary), { ...imports, env }).then(
        ({ instance, module }) => receiveInstance(instance, module),
        reportFailure,
      );
      // Emscripten's contract: an empty object means "instantiating asynchronously".
      return {};
    },
  };
  return { config, instantiationFailure };
}

/**
 * Writes tfjs's pthread worker script to a file that a Node worker can load, named by its content
 * hash so that concurrent processes and tfjs versions never clash. The script is a template literal
 * in tfjs's module, where "\n" escapes inside string literals have become real newlines; they are
 * escaped back, as tfjs does before making its Blob.
 */
function writeWorkerScript(files: WasmPackageFiles): string {
  const { wasmWorkerContents } = require(files.threadedWorkerModule) as { wasmWorkerContents: string };
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  // Fail here, with a clear message, rather than inside a worker where the error kills the process.
  new Script(source, { filename: 'tfjs-backend-wasm-threaded-simd.worker.js' });
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const directory = join(tmpdir(), `halp-tfjs-wasm-${files.version}`);
  const path = join(directory, `pthread-worker-${hash}.cjs`);
  mkdirSync(directory, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, source);
  renameSync(partial, path);
  return path;
}

/** The same bridge tfjs-backend-wasm's `init()` attaches to its module. */
function tfjsBridge(module: EmscriptenModule): Record<string, (...args: number[]) => number> {
  return {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
