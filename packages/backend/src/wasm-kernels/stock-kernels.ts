import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/** The name every kernel of the WASM backend is registered under. */
export const WASM_BACKEND_NAME = 'wasm';

/** Looks up the stock (tfjs-backend-wasm) kernel config that a replacement delegates to. */
export type StockKernels = (kernelName: string) => KernelConfig;

/** The arguments the engine passes to a WASM kernel. */
export interface WasmKernelArgs {
  inputs: NamedTensorInfoMap;
  backend: BackendWasm;
  attrs?: NamedAttrMap;
}

/** Runs a stock kernel with the given inputs and attributes and returns its single output. */
export function runStockKernel(
  stock: StockKernels,
  kernelName: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const output = stock(kernelName).kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(output)) {
    throw new Error(
      `Stock WASM kernel ${kernelName} returned ${output.length} outputs where one was expected`,
    );
  }
  return output;
}

/** A tensor's input from the kernel's input map, failing loudly if the engine did not pass it. */
export function requiredInput(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const input = inputs[name];
  if (input === undefined) throw new Error(`WASM kernel input "${name}" is missing`);
  return input;
}
