// @halp/backend: backend preferences, the browser's backend selection and the fast WASM kernels.
// Selection under Node (tfjs-node, WebGPU through Dawn, threaded WASM) is in `@halp/backend/node`.

export { type BackendAttempt, NoBackendAvailableError, type SelectedBackend } from './backend-attempt.js';
export {
  BACKEND_CANDIDATES,
  type BackendCandidate,
  type BackendPreference,
  InvalidBackendPreferenceError,
  parseBackendPreference,
} from './backend-preference.js';
export {
  BROWSER_BACKEND_CANDIDATES,
  type SelectBrowserBackendOptions,
  selectBrowserBackend,
} from './browser-backend.js';
export {
  FAST_WASM_KERNEL_NAMES,
  fastWasmKernelsRegistered,
  registerFastWasmKernels,
  restoreStockWasmKernels,
} from './wasm-kernels/fast-wasm-kernels.js';
export { type AdapterDescription, adapterName, softwareDriverOf } from './webgpu/adapter-kind.js';
export {
  BIGRU_SEQUENCE_GRAD_KERNEL,
  BIGRU_SEQUENCE_GRAD_LAYOUT,
  BIGRU_SEQUENCE_KERNEL,
  BIGRU_SEQUENCE_LAYOUT,
  type BiGruStepping,
  biGruSequence,
  biGruSequenceGrad,
  fusedBiGruAvailable,
} from './webgpu-kernels/bigru-kernel-names.js';
export {
  FUSED_WEBGPU_KERNEL_NAMES,
  registerFusedWebgpuKernels,
  unregisterFusedWebgpuKernels,
} from './webgpu-kernels/fused-webgpu-kernels.js';
