/** The `webgpu` (Dawn for Node) version halp is tested with. */
export const DAWN_PACKAGE_VERSION = '0.6.2';

/**
 * What WebGPU under Node needs. halp does not install Dawn: the `webgpu` package carries ~130 MB of
 * native binaries for five platforms and only helps with a Vulkan (Linux), Metal (macOS) or D3D12
 * (Windows) GPU driver, so it is an opt-in, like tfjs-node-gpu.
 */
export const WEBGPU_NODE_REQUIREMENTS =
  `WebGPU under Node goes through Dawn, which halp does not install: npm install webgpu@${DAWN_PACKAGE_VERSION} ` +
  'in your application. On Linux it needs a Vulkan loader (libvulkan1) and a GPU driver with a Vulkan ICD ' +
  '(or SwiftShader, a CPU implementation, for testing); in a browser, WebGPU needs no install.';
