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
