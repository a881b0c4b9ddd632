// @halp/backend: tfjs backend selection (tfjs-node-gpu, tfjs-node, WebGPU via Dawn, WASM) and fast replacement WASM kernels.
export {};
