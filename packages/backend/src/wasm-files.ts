import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where the files of the installed `@tensorflow/tfjs-backend-wasm` live. */
export interface WasmPackageFiles {
  /** Directory holding the three `.wasm` binaries, with a trailing separator (for `setWasmPaths`). */
  readonly binaryDirectory: string;
  /** Emscripten factory of the threaded SIMD build (CommonJS). */
  readonly threadedFactoryScript: string;
  /** CommonJS module exporting the pthread worker script as the string `wasmWorkerContents`. */
  readonly threadedWorkerModule: string;
  /** The threaded SIMD binary. */
  readonly threadedBinary: string;
  /** The installed version, e.g. `4.22.0`. */
  readonly version: string;
}

/**
 * Locates the installed tfjs-backend-wasm through Node's resolver, so that nothing depends on the
 * current working directory or on how a bundler laid the package out.
 */
export function locateWasmPackageFiles(): WasmPackageFiles {
  const packageJsonPath = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  const root = dirname(packageJsonPath);
  const { version } = require(packageJsonPath) as { version: string };
  const distDirectory = join(root, 'dist');
  return {
    binaryDirectory: `${distDirectory}/`,
    threadedFactoryScript: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    threadedWorkerModule: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
    threadedBinary: join(distDirectory, 'tfjs-backend-wasm-threaded-simd.wasm'),
    version,
  };
}
