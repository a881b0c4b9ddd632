// The workspace's built packages, loaded as a benchmark needs them (run `pnpm build` or
// `npx tsc -b packages/<name>` first).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Imports packages/<name>/dist/<entry> (default: the package's index). */
export function importBuilt(name, entry = 'index.js') {
  return import(pathToFileURL(join(repositoryRoot, 'packages', name, 'dist', entry)).href);
}

/**
 * `require` as seen from packages/<name>: tfjs and its backends resolve to the very instances that
 * package's built code uses (one tfjs engine, so backends and kernels registered here apply to it).
 */
function requireFromPackage(name) {
  return createRequire(join(repositoryRoot, 'packages', name, 'package.json'));
}

/**
 * Registers tfjs gradients: tfjs-core's Node bundle registers none, and @halp/backend ships them as
 * a bundle. Needed before anything computes a gradient.
 */
export async function registerGradients() {
  await importBuilt('backend', 'register-gradients.js');
}

/**
 * tfjs-core as packages/<name>'s built code resolves it, with the cpu and the stock wasm backends
 * registered (neither starts before `tf.setBackend` or @halp/backend's `selectBackend` picks it).
 * `wasm` is the tfjs-backend-wasm module, for its thread count.
 */
export function loadTfjs(name) {
  const tf = requireFromPackage(name)('@tensorflow/tfjs-core');
  requireFromPackage(name)('@tensorflow/tfjs-backend-cpu');
  const wasm = requireFromPackage('backend')('@tensorflow/tfjs-backend-wasm');
  return { tf, wasm };
}
