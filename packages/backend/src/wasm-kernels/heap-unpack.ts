import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapSlice } from './heap-slice.js';
import { requiredInput, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/**
 * The replacement `Unpack` (`tf.unstack`) kernel: one heap slice per index along `axis`.
 *
 * The stock kernel calls the stock `slice` function directly rather than through the kernel
 * registry, so replacing `Slice` alone would leave unstacking quadratic.
 */
export function heapUnpackKernelFunc(stock: StockKernels): KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs }: WasmKernelArgs): TensorInfo[] => {
    const value = requiredInput(inputs, 'value');
    const rank = value.shape.length;
    const requestedAxis = (attrs?.axis as number | undefined) ?? 0;
    const axis = requestedAxis < 0 ? requestedAxis + rank : requestedAxis;
    const outShape = value.shape.filter((_, dimension) => dimension !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = value.shape.slice();
    size[axis] = 1;
    return Array.from({ length: value.shape[axis]! }, (_, index) => {
      begin[axis] = index;
      const { dataId, dtype } = heapSlice(stock, backend, value, begin, size);
      return { dataId, dtype, shape: outShape };
    });
  };
  return kernelFunc as unknown as KernelFunc;
}
