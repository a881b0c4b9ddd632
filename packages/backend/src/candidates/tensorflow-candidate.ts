import { findBackendFactory, version_core } from '@tensorflow/tfjs-core';
import { importOptional } from '../optional-module.js';
import type { CandidateOutcome } from './candidate-outcome.js';

/** The libtensorflow binding packages, GPU build first; halp never installs either. */
export const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** What `@tensorflow/tfjs-node-gpu` 4.22 needs to use a GPU (it binds libtensorflow 2.9.1). */
export const TFJS_NODE_GPU_REQUIREMENTS =
  '@tensorflow/tfjs-node-gpu 4.22.0 binds libtensorflow 2.9.1 (GPU build) and needs, on Linux x86-64: ' +
  'an NVIDIA driver, CUDA 11.2 (libcudart.so.11.0, libcublas.so.11, …) and cuDNN 8.1 (libcudnn.so.8) ' +
  'on the library path, and its native addon built by its install script ' +
  '(pnpm skips dependency build scripts unless the package is listed in onlyBuiltDependencies). ' +
  `Install it next to @tensorflow/tfjs-core ${version_core} in your application: npm install @tensorflow/tfjs-node-gpu@4.22.0`;

/**
 * Loads tfjs-node-gpu, else tfjs-node, and checks that it registered the `tensorflow` backend with
 * the same copy of tfjs-core as halp: a second copy (another version) would register it where halp's
 * tensors never go.
 */
export async function prepareTensorflow(): Promise<CandidateOutcome> {
  const reasons: string[] = [];
  for (const specifier of TENSORFLOW_PACKAGES) {
    const module = await importOptional(specifier);
    if (!module.loaded) {
      reasons.push(module.reason);
      continue;
    }
    if (findBackendFactory('tensorflow') == null) {
      reasons.push(
        `${specifier} loaded but registered its backend with another copy of @tensorflow/tfjs-core ` +
          `(it must resolve to the same ${version_core} as halp)`,
      );
      continue;
    }
    return { ok: true, detail: `libtensorflow through ${specifier}` };
  }
  return { ok: false, reason: reasons.join('; ') };
}
