import {
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  Slice,
  SplitV,
  StridedSlice,
  Transpose,
  Unpack,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import { FAST_MATMUL_KERNEL_NAMES, fastMatMulKernelFunc } from './fast-matmul.js';
import { heapSliceKernelFunc } from './heap-slice.js';
import { heapSplitKernelFunc } from './heap-split.js';
import { heapStridedSliceKernelFunc } from './heap-strided-slice.js';
import { heapTransposeKernelFunc } from './heap-transpose.js';
import {
  heapTransposedReductionKernelFunc,
  TRANSPOSED_REDUCTION_AXIS_ATTRS,
} from './heap-transposed-reduction.js';
import { heapUnpackKernelFunc } from './heap-unpack.js';
import { type StockKernels, WASM_BACKEND_NAME } from './stock-kernels.js';

/** Builds a replacement kernel function on top of the stock kernels it may delegate to. */
type ReplacementFactory = (stock: StockKernels) => KernelFunc;

const REPLACEMENTS: ReadonlyMap<string, ReplacementFactory> = new Map<string, ReplacementFactory>([
  ...FAST_MATMUL_KERNEL_NAMES.map((name): [string, ReplacementFactory] => [
    name,
    (stock) => fastMatMulKernelFunc(name, stock),
  ]),
  [Slice, heapSliceKernelFunc],
  [Unpack, heapUnpackKernelFunc],
  [SplitV, heapSplitKernelFunc],
  [StridedSlice, heapStridedSliceKernelFunc],
  [Transpose, heapTransposeKernelFunc],
  ...[...TRANSPOSED_REDUCTION_AXIS_ATTRS.keys()].map((name): [string, ReplacementFactory] => [
    name,
    (stock) => heapTransposedReductionKernelFunc(name, stock),
  ]),
]);

/** The kernels {@link registerFastWasmKernels} replaces. */
export const FAST_WASM_KERNEL_NAMES: readonly string[] = [...REPLACEMENTS.keys()];

/** Stock configs of the replaced kernels, present exactly while the replacements are registered. */
let stockConfigs: Map<string, KernelConfig> | undefined;

/**
 * Replaces the slow WASM kernels (BatchMatMul, _FusedMatMul, Slice, Unpack, SplitV, StridedSlice,
 * Transpose, and the reductions Sum, Mean, Prod, Min, Max, All, Any that transpose internally) by
 * the fast versions, through tfjs's public kernel registry. Idempotent. Call it after importing
 * `@tensorflow/tfjs-backend-wasm` (which registers the stock kernels); it works before or after the
 * backend is initialised, because each replacement keeps its stock kernel's `setupFunc`.
 *
 * @throws Error if a stock kernel is missing (tfjs-backend-wasm not imported, or a tfjs version that
 *   renamed it): the replacements depend on the exact stock kernels of tfjs-backend-wasm 4.22.
 */
export function registerFastWasmKernels(): void {
  if (stockConfigs !== undefined) return;
  const stock = new Map<string, KernelConfig>();
  for (const name of FAST_WASM_KERNEL_NAMES) {
    const config = getKernel(name, WASM_BACKEND_NAME);
    if (config === undefined) {
      throw new Error(
        `Cannot replace WASM kernel ${name}: it is not registered. Import @tensorflow/tfjs-backend-wasm first.`,
      );
    }
    stock.set(name, config);
  }
  const lookUpStock: StockKernels = (name) => stock.get(name) ?? requireKernel(name);
  for (const [name, createKernelFunc] of REPLACEMENTS) {
    const stockConfig = stock.get(name)!;
    unregisterKernel(name, WASM_BACKEND_NAME);
    registerKernel({ ...stockConfig, kernelFunc: createKernelFunc(lookUpStock) });
  }
  stockConfigs = stock;
}

/** Puts the stock kernels back (for comparisons and benchmarks). Idempotent. */
export function restoreStockWasmKernels(): void {
  if (stockConfigs === undefined) return;
  for (const [name, config] of stockConfigs) {
    unregisterKernel(name, WASM_BACKEND_NAME);
    registerKernel(config);
  }
  stockConfigs = undefined;
}

/** Whether the fast replacements are currently registered. */
export function fastWasmKernelsRegistered(): boolean {
  return stockConfigs !== undefined;
}

/** A registered WASM kernel that the replacements call but never replace (e.g. `Reshape`). */
function requireKernel(name: string): KernelConfig {
  const config = getKernel(name, WASM_BACKEND_NAME);
  if (config === undefined) throw new Error(`WASM kernel ${name} is not registered`);
  return config;
}
