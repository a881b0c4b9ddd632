import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type KernelFunc, Slice, slice_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { requiredInput, runStockKernel, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/**
 * `x[begin : begin + size]`, copied straight from a view of the WASM heap.
 *
 * The stock kernel first copies the whole of `x` out of the heap (`readSync`) and then copies the
 * slice from that copy, so unstacking T time steps of a [T, …] tensor costs O(T²) copies. Here the
 * slice is read in place: the trailing axes that the slice keeps whole merge with the last partial
 * axis into one contiguous run, and the leading axes are walked run by run. A slice that is
 * contiguous in `x` (the common unstack-along-axis-0 case) is a single run.
 *
 * String tensors live in JavaScript, not on the heap, and go to the stock kernel.
 */
export function heapSlice(
  stock: StockKernels,
  backend: BackendWasm,
  x: TensorInfo,
  begin: number | number[],
  size?: number | number[],
): TensorInfo {
  if (x.dtype === 'string') {
    return runStockKernel(stock, Slice, backend, { x }, { begin, size: size ?? -1 });
  }
  const [sliceBegin, sliceSize] = slice_util.parseSliceParams(x, begin, size) as [number[], number[]];
  slice_util.assertParamsValid(x, sliceBegin, sliceSize);
  // Allocate before taking heap views: a malloc may grow the heap and detach older views.
  const out = backend.makeOutput(sliceSize, x.dtype);
  if (util.sizeFromShape(sliceSize) === 0) return out;
  copyRuns(backend.typedArrayFromHeap(x), x.shape, sliceBegin, sliceSize, backend.typedArrayFromHeap(out));
  return out;
}

/** The replacement `Slice` kernel. */
export function heapSliceKernelFunc(stock: StockKernels): KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs }: WasmKernelArgs): TensorInfo => {
    const begin = attrs?.begin as number | number[];
    const size = attrs?.size as number | number[] | undefined;
    return heapSlice(stock, backend, requiredInput(inputs, 'x'), begin, size);
  };
  return kernelFunc as unknown as KernelFunc;
}

type HeapView = ReturnType<BackendWasm['typedArrayFromHeap']>;

function copyRuns(
  source: HeapView,
  shape: number[],
  begin: number[],
  size: number[],
  target: HeapView,
): void {
  const rank = shape.length;
  if (rank === 0) {
    target[0] = source[0]!;
    return;
  }
  const strides = [...util.computeStrides(shape), 1];
  // Axes after `runAxis` are taken whole, so a run covers size[runAxis] rows of stride[runAxis].
  let runAxis = rank - 1;
  while (runAxis > 0 && size[runAxis] === shape[runAxis]) runAxis -= 1;
  const runLength = size[runAxis]! * strides[runAxis]!;
  const runCount = util.sizeFromShape(size.slice(0, runAxis));
  // Odometer over the leading axes 0 … runAxis−1.
  const index = new Array<number>(runAxis).fill(0);
  let sourceOffset = 0;
  for (let axis = 0; axis < rank; axis += 1) sourceOffset += begin[axis]! * strides[axis]!;
  for (let run = 0, targetOffset = 0; run < runCount; run += 1, targetOffset += runLength) {
    target.set(source.subarray(sourceOffset, sourceOffset + runLength), targetOffset);
    for (let axis = runAxis - 1; axis >= 0; axis -= 1) {
      index[axis]! += 1;
      sourceOffset += strides[axis]!;
      if (index[axis]! < size[axis]!) break;
      sourceOffset -= size[axis]! * strides[axis]!;
      index[axis] = 0;
    }
  }
}
