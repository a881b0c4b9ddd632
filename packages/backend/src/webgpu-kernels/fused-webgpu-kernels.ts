import {
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorInfoMap,
  registerKernel,
  type TensorInfo,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import {
  BIGRU_SEQUENCE_GRAD_KERNEL,
  BIGRU_SEQUENCE_KERNEL,
  type BiGruStepping,
} from './bigru-kernel-names.js';
import { type BiGruProgram, biGruStepGradProgram, biGruStepProgram, stepUniforms } from './bigru-programs.js';

/** The name tfjs-backend-webgpu registers its backend under. */
const WEBGPU_BACKEND_NAME = 'webgpu';

/** The part of tfjs-backend-webgpu's `WebGPUBackend` the kernels use (public methods). */
interface WebgpuBackendLike {
  makeTensorInfo(shape: number[], dtype: DataType): TensorInfo;
  runWebGPUProgram(
    program: BiGruProgram,
    inputs: TensorInfo[],
    outputDtype: DataType,
    programDefinedUniform: { type: string; data: number[] }[],
    output: TensorInfo,
  ): TensorInfo;
}

/**
 * Runs one program per time step into the same output tensor: each dispatch reads the row the
 * previous one wrote (WebGPU orders dispatches and makes their writes visible to the next).
 */
function runSteps(
  backend: WebgpuBackendLike,
  inputs: TensorInfo[],
  [frames, batch, hidden]: [number, number, number],
  programFor: () => BiGruProgram,
  steps: Iterable<number>,
): TensorInfo {
  const output = backend.makeTensorInfo([frames, batch, 10 * hidden], 'float32');
  for (const step of steps) {
    backend.runWebGPUProgram(
      programFor(),
      inputs,
      'float32',
      stepUniforms(frames, batch, hidden, step),
      output,
    );
  }
  return output;
}

function required(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const input = inputs[name];
  if (input === undefined) throw new Error(`WebGPU kernel input "${name}" is missing`);
  return input;
}

function ascending(length: number): number[] {
  return Array.from({ length }, (_, step) => step);
}

const biGruSequenceKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const projections = required(inputs, 'projections');
  const stepping = attrs!.stepping as BiGruStepping;
  const [frames, batch, width] = projections.shape as [number, number, number];
  const size: [number, number, number] = [frames, batch, width / 6];
  const names = ['projections', 'forwardKernel', 'forwardBias', 'backwardKernel', 'backwardBias'];
  return runSteps(
    backend as unknown as WebgpuBackendLike,
    names.map((name) => required(inputs, name)),
    size,
    () => biGruStepProgram(...size, stepping),
    ascending(frames),
  );
};

const biGruSequenceGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const sequence = required(inputs, 'sequence');
  const stepping = attrs!.stepping as BiGruStepping;
  const [frames, batch, width] = sequence.shape as [number, number, number];
  const size: [number, number, number] = [frames, batch, width / 10];
  const names = ['sequence', 'outputGradient', 'forwardKernel', 'backwardKernel'];
  return runSteps(
    backend as unknown as WebgpuBackendLike,
    names.map((name) => required(inputs, name)),
    size,
    () => biGruStepGradProgram(...size, stepping),
    ascending(frames).reverse(),
  );
};

const FUSED_KERNELS: readonly KernelConfig[] = [
  { kernelName: BIGRU_SEQUENCE_KERNEL, backendName: WEBGPU_BACKEND_NAME, kernelFunc: biGruSequenceKernel },
  {
    kernelName: BIGRU_SEQUENCE_GRAD_KERNEL,
    backendName: WEBGPU_BACKEND_NAME,
    kernelFunc: biGruSequenceGradKernel,
  },
];

/** The kernels {@link registerFusedWebgpuKernels} adds to the WebGPU backend. */
export const FUSED_WEBGPU_KERNEL_NAMES: readonly string[] = FUSED_KERNELS.map((config) => config.kernelName);

let registered = false;

/**
 * Adds halp's fused WGSL kernels (a BiGRU layer's recurrence in one dispatch per step, forward and
 * backward through time) to tfjs-backend-webgpu through tfjs's kernel registry. Idempotent; the
 * encoders use them whenever the active backend has them.
 */
export function registerFusedWebgpuKernels(): void {
  if (registered) return;
  for (const config of FUSED_KERNELS) registerKernel(config);
  registered = true;
}

/** Removes them again (for comparisons and dispatch counts). Idempotent. */
export function unregisterFusedWebgpuKernels(): void {
  if (!registered) return;
  for (const config of FUSED_KERNELS) unregisterKernel(config.kernelName, config.backendName);
  registered = false;
}
