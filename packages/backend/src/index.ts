export {
  BACKEND_CANDIDATES,
  type BackendCandidate,
  type BackendPreference,
  InvalidBackendPreferenceError,
  parseBackendPreference,
} from './backend-preference.js';
export { TFJS_NODE_GPU_REQUIREMENTS } from './candidates/tensorflow-candidate.js';
export {
  probeWebgpuAdapter,
  type WebgpuAdapterProbe,
  type WebgpuAdapterVerdict,
} from './candidates/webgpu-candidate.js';
export { type BackendsDescription, describeBackends } from './describe-backends.js';
export {
  type BackendAttempt,
  NoBackendAvailableError,
  type SelectBackendOptions,
  type SelectedBackend,
  selectBackend,
} from './select-backend.js';
export {
  FAST_WASM_KERNEL_NAMES,
  fastWasmKernelsRegistered,
  registerFastWasmKernels,
  restoreStockWasmKernels,
} from './wasm-kernels/fast-wasm-kernels.js';
export { installThreadedWasmBackend, type ThreadedWasmOutcome } from './wasm-threads.js';
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
