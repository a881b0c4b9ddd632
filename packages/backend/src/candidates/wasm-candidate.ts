import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { firstLine } from '../optional-module.js';
import { locateWasmPackageFiles } from '../wasm-files.js';
import { registerFastWasmKernels } from '../wasm-kernels/fast-wasm-kernels.js';
import { installThreadedWasmBackend } from '../wasm-threads.js';
import type { CandidateOptions, CandidateOutcome } from './candidate-outcome.js';

/**
 * tfjs-backend-wasm with the fast replacement kernels, its binaries located through Node's resolver
 * (so it works from any working directory and after bundling), and optionally multi-threaded.
 * A threaded start that fails leaves the single-threaded build, with the reason in the detail.
 */
export async function prepareWasm({ threads }: CandidateOptions): Promise<CandidateOutcome> {
  try {
    registerFastWasmKernels();
    if (threads > 1) {
      const threaded = await installThreadedWasmBackend(threads);
      if (threaded.ok) return { ok: true, detail: `fast kernels, ${threaded.threads} threads` };
      setWasmPaths(locateWasmPackageFiles().binaryDirectory);
      return { ok: true, detail: `fast kernels, 1 thread (threads not enabled: ${threaded.reason})` };
    }
    setWasmPaths(locateWasmPackageFiles().binaryDirectory);
    return { ok: true, detail: 'fast kernels, 1 thread' };
  } catch (error) {
    return { ok: false, reason: `WASM backend unavailable: ${firstLine(error)}` };
  }
}
