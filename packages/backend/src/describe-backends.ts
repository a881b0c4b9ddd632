import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { version_core } from '@tensorflow/tfjs-core';
import { BACKEND_CANDIDATES, type BackendCandidate } from './backend-preference.js';
import { TFJS_NODE_GPU_REQUIREMENTS } from './candidates/tensorflow-candidate.js';
import { probeWebgpuAdapter, type WebgpuAdapterVerdict } from './candidates/webgpu-candidate.js';
import { WEBGPU_NODE_REQUIREMENTS } from './candidates/webgpu-requirements.js';
import { PREPARE_CANDIDATE } from './select-backend.js';

/** What `halp info` prints about the backends. */
export interface BackendsDescription {
  readonly versions: Readonly<Record<string, string>>;
  /** Each candidate in `auto` order: usable, or why not. */
  readonly candidates: readonly {
    readonly candidate: BackendCandidate;
    readonly usable: boolean;
    readonly detail: string;
  }[];
  /** The adapter Dawn offers for WebGPU and whether it is hardware; `null` without Dawn or adapter. */
  readonly webgpuAdapter: WebgpuAdapterVerdict | null;
  /** Whether a GPU backend (tfjs-node-gpu or WebGPU) could be used, and why not. */
  readonly gpu: string;
  readonly tfjsNodeGpuRequirements: string;
  /** How to opt in to WebGPU under Node (the `webgpu` package is not a dependency). */
  readonly webgpuRequirements: string;
}

/**
 * Probes every candidate as `auto` would, without switching the active backend: loads optional
 * modules, asks Dawn for an adapter (a software one is reported, not counted as a GPU), prepares the
 * WASM backend. The GPU line exists because a GPU silently left unused is
 * the most common complaint of tfjs users.
 */
export async function describeBackends(options: { threads?: number } = {}): Promise<BackendsDescription> {
  const candidates = [];
  for (const candidate of BACKEND_CANDIDATES) {
    const outcome = await PREPARE_CANDIDATE[candidate]({ threads: options.threads ?? 1, explicit: false });
    candidates.push({ candidate, usable: outcome.ok, detail: outcome.ok ? outcome.detail : outcome.reason });
  }
  const adapterProbe = await probeWebgpuAdapter();
  const gpuCandidates = candidates.filter(
    ({ candidate }) => candidate === 'tensorflow' || candidate === 'webgpu',
  );
  const usableGpu = gpuCandidates.find(({ usable }) => usable);
  return {
    versions: {
      '@tensorflow/tfjs-core': version_core,
      '@tensorflow/tfjs-backend-wasm': version_wasm,
      '@tensorflow/tfjs-backend-cpu': version_cpu,
    },
    candidates,
    webgpuAdapter: adapterProbe.found ? adapterProbe.adapter : null,
    gpu: usableGpu
      ? `usable through ${usableGpu.candidate}: ${usableGpu.detail}`
      : `none usable: ${gpuCandidates.map(({ candidate, detail }) => `${candidate}: ${detail}`).join('; ')}`,
    tfjsNodeGpuRequirements: TFJS_NODE_GPU_REQUIREMENTS,
    webgpuRequirements: WEBGPU_NODE_REQUIREMENTS,
  };
}
