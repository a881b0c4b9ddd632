/** What Dawn reports about a WebGPU adapter (`GPUAdapter.info` and `isFallbackAdapter`). */
export interface AdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** `GPUAdapter.isFallbackAdapter` where the implementation exposes it. */
  readonly isFallbackAdapter?: boolean;
}

/** Names by which the software (CPU) Vulkan drivers identify themselves in an adapter's info. */
const SOFTWARE_DRIVER_NAMES = ['swiftshader', 'llvmpipe', 'lavapipe', 'softpipe'] as const;

/**
 * The software driver an adapter runs on, or `undefined` for a hardware adapter. A software adapter
 * trains ~24× slower than the WASM backend (measured with SwiftShader), so `auto` must never pick one.
 * A fallback adapter (WebGPU's own word for "CPU implementation") counts as software too.
 */
export function softwareDriverOf(adapter: AdapterDescription): string | undefined {
  const text = [adapter.vendor, adapter.architecture, adapter.device, adapter.description]
    .join(' ')
    .toLowerCase();
  const named = SOFTWARE_DRIVER_NAMES.find((name) => text.includes(name));
  if (named !== undefined) return named;
  return adapter.isFallbackAdapter === true ? 'a fallback adapter' : undefined;
}

/** The adapter as one line: vendor, architecture, description. */
export function adapterName(adapter: AdapterDescription): string {
  const words = [adapter.vendor, adapter.architecture, adapter.description].filter((word) => word !== '');
  return words.join(' ') || '(unnamed adapter)';
}
