import { findBackendFactory, type KernelBackend, registerBackend } from '@tensorflow/tfjs-core';
import { firstLine, importOptional } from '../optional-module.js';
import type { CandidateOutcome } from './candidate-outcome.js';
import { DAWN_PACKAGE_VERSION } from './webgpu-requirements.js';

/** Same priority tfjs-backend-webgpu registers its backend with in a browser. */
const WEBGPU_BACKEND_PRIORITY = 3;

// Minimal shapes of the WebGPU objects used here (the full types live in @webgpu/types).
interface GpuAdapter {
  readonly limits: Record<string, number>;
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string };
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

/**
 * WebGPU in Node through Dawn (`webgpu` on npm). tfjs-backend-webgpu only registers its backend when
 * it sees `navigator.gpu`, which Node 20 lacks, so the backend is registered here with a device from
 * Dawn. Dawn needs a Vulkan loader (`libvulkan1`, with libglvnd for NVIDIA's ICD) and a GPU driver;
 * without them it loads but finds no adapter.
 */
export async function prepareWebgpu(): Promise<CandidateOutcome> {
  const dawn = await importOptional('webgpu');
  if (!dawn.loaded) {
    const optIn = `npm install webgpu@${DAWN_PACKAGE_VERSION} to try WebGPU through Dawn`;
    return { ok: false, reason: dawn.missing ? `${dawn.reason} (${optIn})` : dawn.reason };
  }
  try {
    const { create, globals } = dawn.exports as DawnModule;
    const gpu = create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) {
      return {
        ok: false,
        reason:
          'Dawn found no GPU adapter (requestAdapter() returned null): it needs a Vulkan loader (libvulkan1) and a GPU driver',
      };
    }
    const requiredLimits = Object.fromEntries(RAISED_LIMITS.map((name) => [name, adapter.limits[name]!]));
    const device = await adapter.requestDevice({ requiredLimits });
    exposeWebgpuGlobals(gpu, globals);
    const { WebGPUBackend } = (await import(
      '@tensorflow/tfjs-backend-webgpu'
    )) as unknown as TfjsWebgpuModule;
    // A second probe (e.g. `halp info` before training) keeps the first registration and its device.
    if (findBackendFactory('webgpu') == null) {
      registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), WEBGPU_BACKEND_PRIORITY);
    }
    const name = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(
      Boolean,
    );
    return { ok: true, detail: `Dawn adapter ${name.join(' ') || '(unnamed)'}` };
  } catch (error) {
    return { ok: false, reason: `WebGPU through Dawn failed: ${firstLine(error)}` };
  }
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
