import { type KernelFunc, Reshape, StridedSlice, slice_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { heapSlice } from './heap-slice.js';
import { requiredInput, runStockKernel, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/**
 * The replacement `StridedSlice` kernel. When every stride is 1 (tfjs's "simple slice", or a slice
 * along axis 0 only), the stock kernel calls the stock `slice` function directly, which copies the
 * whole input; that case becomes a heap slice plus a reshape. Strided cases (and identities) go to
 * the stock kernel, whose C++ implementation already reads the heap in place.
 */
export function heapStridedSliceKernelFunc(stock: StockKernels): KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs = {} }: WasmKernelArgs): TensorInfo => {
    const x = requiredInput(inputs, 'x');
    const info = slice_util.sliceInfo(
      x.shape,
      attrs.begin as number[],
      attrs.end as number[],
      attrs.strides as number[],
      attrs.beginMask as number,
      attrs.endMask as number,
      attrs.ellipsisMask as number,
      attrs.newAxisMask as number,
      attrs.shrinkAxisMask as number,
    );
    if (info.isIdentity || !(info.sliceDim0 || info.isSimpleSlice)) {
      return runStockKernel(stock, StridedSlice, backend, inputs, attrs);
    }
    const size = slice_util.computeOutShape(info.begin, info.end, info.strides);
    const sliced = heapSlice(stock, backend, x, info.begin, size);
    try {
      return runStockKernel(stock, Reshape, backend, { x: sliced }, { shape: info.finalShape });
    } finally {
      backend.disposeData(sliced.dataId);
    }
  };
  return kernelFunc as unknown as KernelFunc;
}
