// @halp/backend/node: backend selection under Node — tfjs-node(-gpu), WebGPU through Dawn (the
// `webgpu` package, installed by the user), WASM with its binaries located on disk and threads.

export { TFJS_NODE_GPU_REQUIREMENTS } from '../candidates/tensorflow-candidate.js';
export {
  probeWebgpuAdapter,
  type WebgpuAdapterProbe,
  type WebgpuAdapterVerdict,
} from '../candidates/webgpu-candidate.js';
export { DAWN_PACKAGE_VERSION, WEBGPU_NODE_REQUIREMENTS } from '../candidates/webgpu-requirements.js';
export { type BackendsDescription, describeBackends } from '../describe-backends.js';
export { type SelectBackendOptions, selectBackend } from '../select-backend.js';
export { installThreadedWasmBackend, type ThreadedWasmOutcome } from '../wasm-threads.js';
