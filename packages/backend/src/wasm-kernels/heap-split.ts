import { backend_util, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { heapSlice } from './heap-slice.js';
import { requiredInput, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/**
 * The replacement `SplitV` (`tf.split`) kernel: one heap slice per piece along `axis`.
 *
 * Like `Unpack`, the stock kernel bypasses the registry and calls the stock `slice` directly.
 */
export function heapSplitKernelFunc(stock: StockKernels): KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs }: WasmKernelArgs): TensorInfo[] => {
    const x = requiredInput(inputs, 'x');
    const numOrSizeSplits = attrs?.numOrSizeSplits as number | number[];
    const axis = util.parseAxisParam(attrs?.axis as number, x.shape)[0]!;
    const pieceSizes = backend_util.prepareSplitSize(x, numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return pieceSizes.map((pieceSize) => {
      const size = x.shape.slice();
      size[axis] = pieceSize;
      const piece = heapSlice(stock, backend, x, begin, size);
      begin[axis]! += pieceSize;
      return piece;
    });
  };
  return kernelFunc as unknown as KernelFunc;
}
