import {
  All,
  Any,
  backend_util,
  type KernelFunc,
  Max,
  Mean,
  Min,
  Prod,
  Sum,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { heapTranspose } from './heap-transpose.js';
import { requiredInput, runStockKernel, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/** The reductions this module replaces, each with the attribute that names its axes. */
export const TRANSPOSED_REDUCTION_AXIS_ATTRS: ReadonlyMap<string, string> = new Map([
  [Sum, 'axis'],
  [Mean, 'axis'],
  [Prod, 'axis'],
  [Min, 'axis'],
  [Max, 'reductionIndices'],
  [All, 'axis'],
  [Any, 'axis'],
]);

/**
 * A replacement reduction that moves the reduced axes innermost with {@link heapTranspose} before
 * handing over to the stock kernel.
 *
 * The stock reductions only reduce innermost axes; for any other axes they transpose first, calling
 * the stock transpose function directly rather than through the kernel registry, so replacing
 * `Transpose` alone would leave e.g. BatchNorm's moments over [N, M, T, V] of [N, M, T, V, C] on
 * the slow rank-5 path. Given innermost axes, the stock kernel transposes nothing.
 */
export function heapTransposedReductionKernelFunc(kernelName: string, stock: StockKernels): KernelFunc {
  const axisAttr = TRANSPOSED_REDUCTION_AXIS_ATTRS.get(kernelName);
  if (axisAttr === undefined) throw new Error(`${kernelName} is not a reduction this module replaces`);
  const kernelFunc = ({ inputs, backend, attrs = {} }: WasmKernelArgs): TensorInfo => {
    const x = requiredInput(inputs, 'x');
    const rank = x.shape.length;
    const axes = util.parseAxisParam(attrs[axisAttr] as number | number[], x.shape);
    const perm = backend_util.getAxesPermutation(axes, rank);
    if (perm === null) return runStockKernel(stock, kernelName, backend, inputs, attrs);
    const transposed = heapTranspose(stock, backend, x, perm);
    const innermost = backend_util.getInnerMostAxes(axes.length, rank);
    const out = runStockKernel(
      stock,
      kernelName,
      backend,
      { x: transposed },
      { ...attrs, [axisAttr]: innermost, keepDims: false },
    );
    backend.disposeData(transposed.dataId);
    return attrs.keepDims === true
      ? { ...out, shape: backend_util.expandShapeToKeepDim(out.shape, axes) }
      : out;
  };
  return kernelFunc as unknown as KernelFunc;
}
