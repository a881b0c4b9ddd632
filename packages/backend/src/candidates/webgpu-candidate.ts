import { pathToFileURL } from 'node:url';
import { findBackendFactory, type KernelBackend, registerBackend } from '@tensorflow/tfjs-core';
import { firstLine, resolveOptional } from '../optional-module.js';
import { type AdapterDescription, adapterName, softwareDriverOf } from '../webgpu/adapter-kind.js';
import { type DawnProbe, probeDawn } from '../webgpu/dawn-probe.js';
import { withNativeStderrSilenced } from '../webgpu/silence-native-stderr.js';
import { registerFusedWebgpuKernels } from '../webgpu-kernels/fused-webgpu-kernels.js';
import type { CandidateOptions, CandidateOutcome } from './candidate-outcome.js';
import { DAWN_PACKAGE_VERSION } from './webgpu-requirements.js';

/** Same priority tfjs-backend-webgpu registers its backend with in a browser. */
const WEBGPU_BACKEND_PRIORITY = 3;

// Minimal shapes of the WebGPU objects used here (the full types live in @webgpu/types).
interface GpuAdapter {
  readonly limits: Record<string, number>;
  readonly info?: unknown;
  requestDevice(descriptor: { requiredLimits: Record<string, number> }): Promise<unknown>;
}
interface Gpu {
  requestAdapter(options: { powerPreference: string }): Promise<GpuAdapter | null>;
}
interface DawnModule {
  create(options: string[]): Gpu;
  globals: object;
}
interface TfjsWebgpuModule {
  WebGPUBackend: new (device: unknown, adapterInfo?: unknown) => KernelBackend;
}

/** The adapter limits tfjs-backend-webgpu raises to the adapter's maxima, as it does in a browser. */
const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

/** The WebGPU adapter Dawn offers here, and whether it is hardware (`halp info`). */
export interface WebgpuAdapterVerdict {
  readonly name: string;
  readonly hardware: boolean;
  /** The software driver, for a software adapter. */
  readonly softwareDriver?: string;
}

/** Dawn's adapter here, or why there is none. */
export type WebgpuAdapterProbe =
  | { readonly found: true; readonly adapter: WebgpuAdapterVerdict }
  | { readonly found: false; readonly reason: string };

/** Dawn's adapter, probed in a child process (see {@link probeDawn}); never loads Dawn here. */
export async function probeWebgpuAdapter(): Promise<WebgpuAdapterProbe> {
  const dawnPath = resolveOptional('webgpu');
  if (dawnPath === undefined) return { found: false, reason: 'webgpu is not installed' };
  const probe = await probeDawn(dawnPath);
  return probe.found
    ? { found: true, adapter: verdictOf(probe.adapter) }
    : { found: false, reason: probe.reason };
}

/**
 * WebGPU in Node through Dawn (`webgpu` on npm). The adapter is probed first in a child process, so
 * that Dawn's native warnings never reach the terminal and a software adapter (SwiftShader, lavapipe)
 * is turned down for `auto` before Dawn is loaded here. tfjs-backend-webgpu only registers its
 * backend when it sees `navigator.gpu`, which Node 20 lacks, so the backend is registered here with a
 * device from Dawn, together with halp's fused WebGPU kernels.
 */
export async function prepareWebgpu({ explicit }: CandidateOptions): Promise<CandidateOutcome> {
  const dawnPath = resolveOptional('webgpu');
  if (dawnPath === undefined) {
    return {
      ok: false,
      reason: `webgpu is not installed (npm install webgpu@${DAWN_PACKAGE_VERSION} to try WebGPU through Dawn)`,
    };
  }
  const probe = await probeDawn(dawnPath);
  if (!probe.found) return { ok: false, reason: probe.reason };
  const verdict = verdictOf(probe.adapter);
  if (!verdict.hardware && !explicit) {
    return {
      ok: false,
      reason:
        `the only WebGPU adapter is software (${verdict.name}: ${verdict.softwareDriver}), ~24× slower ` +
        'than WASM; --backend webgpu uses it anyway',
    };
  }
  try {
    const started = await startDawnInProcess(dawnPath, probe);
    if (!started.ok) return started;
    const kind = verdict.hardware ? 'hardware' : `software: ${verdict.softwareDriver}`;
    return { ok: true, detail: `Dawn adapter ${verdict.name} (${kind})` };
  } catch (error) {
    return { ok: false, reason: `WebGPU through Dawn failed: ${firstLine(error)}` };
  }
}

function verdictOf(adapter: AdapterDescription): WebgpuAdapterVerdict {
  const softwareDriver = softwareDriverOf(adapter);
  const name = adapterName(adapter);
  return softwareDriver === undefined ? { name, hardware: true } : { name, hardware: false, softwareDriver };
}

/**
 * Loads Dawn here, takes the adapter and a device, and registers the tfjs backend (once: a second
 * call, e.g. `halp info` before training, keeps the first registration and its device). When the
 * probe saw Dawn print warnings, they would print again here, so fd 2 is silenced meanwhile.
 */
async function startDawnInProcess(dawnPath: string, probe: DawnProbe): Promise<CandidateOutcome> {
  if (findBackendFactory('webgpu') != null) return { ok: true, detail: 'registered' };
  const start = async (): Promise<CandidateOutcome> => {
    const { create, globals } = (await import(pathToFileURL(dawnPath).href)) as DawnModule;
    const gpu = create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) {
      return { ok: false, reason: 'Dawn found an adapter in a child process but none in this one' };
    }
    const requiredLimits = Object.fromEntries(RAISED_LIMITS.map((name) => [name, adapter.limits[name]!]));
    const device = await adapter.requestDevice({ requiredLimits });
    // Imported before `navigator.gpu` exists, so that the module does not register a browser factory.
    const { WebGPUBackend } = (await import(
      '@tensorflow/tfjs-backend-webgpu'
    )) as unknown as TfjsWebgpuModule;
    exposeWebgpuGlobals(gpu, globals);
    registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), WEBGPU_BACKEND_PRIORITY);
    registerFusedWebgpuKernels();
    return { ok: true, detail: 'registered' };
  };
  return probe.nativeOutput.trim() === '' ? start() : withNativeStderrSilenced(start);
}

/**
 * tfjs-backend-webgpu is written for browsers: it reads the WebGPU constants (`GPUBufferUsage`,
 * `GPUMapMode`, …) as globals and refuses to construct its backend unless `navigator.gpu` exists,
 * which Node 20 lacks. Both are provided from Dawn, leaving an existing `navigator.gpu` alone.
 */
function exposeWebgpuGlobals(gpu: Gpu, globals: object): void {
  Object.assign(globalThis, globals);
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else if (scope.navigator.gpu === undefined) {
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  }
}
