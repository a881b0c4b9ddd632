import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type DataType, type KernelFunc, type TensorInfo, Transpose, util } from '@tensorflow/tfjs-core';
import { requiredInput, runStockKernel, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';
import { planTranspose, type TransposePlan } from './transpose-plan.js';

/** The dtypes whose values live on the WASM heap (bool as one byte each). */
const HEAP_DTYPES: ReadonlySet<DataType> = new Set<DataType>(['float32', 'int32', 'bool']);

/** Runs at least this long are copied with `TypedArray.set`; shorter ones element by element. */
const MIN_SET_RUN = 32;

/** From this merged rank on, the stock kernel takes its slow generic path and JavaScript wins. */
const MIN_JAVASCRIPT_RANK = 5;

/** Edge of the square tiles of a 2-D transpose: 32² floats (4 KiB) per tile stay in L1 on both sides. */
const TILE = 32;

type HeapView = Float32Array | Int32Array | Uint8Array;

/**
 * `x` with its axes permuted (output axis i is input axis perm[i]).
 *
 * tfjs-backend-wasm 4.22's C++ kernel has fast paths for rank ≤ 4 (after dropping size-1 axes)
 * but computes every element's source offset from its full multi-index for rank 5 and above:
 * ~10–20× slower per element, and the graph encoder's [N, M, T, V, C] layouts spent ~40% of a
 * training step there. Its 2-D path is not cache-blocked either. Here the permutation is first
 * reduced to its smallest form ({@link planTranspose}), then:
 * - a 2-D transpose (as given, or merged from rank ≥ 5) with rows and columns of at least one
 *   tile: copied tile by tile in JavaScript, so that reads and writes both stay within cache;
 * - rank ≤ 4 as given: the stock kernel, whose rank-3 and rank-4 paths beat JavaScript (and beat
 *   any 2-D path: [N·T·V, C] → [C, N·T·V] is faster as [N, T, V, C] → [C, N, T, V]);
 * - merged rank ≤ 4: the stock kernel on the merged shape;
 * - merged rank ≥ 5, or a plain copy, or empty: copied in JavaScript straight between views of the WASM heap, as contiguous
 *   runs when the innermost axis stays innermost, element by element otherwise, with an odometer
 *   over the outer output axes that only ever adds strides.
 * `tooling/bench/wasm-kernels.mjs` measures the choices.
 * Dtypes off the heap (string, complex64) keep the stock kernel's behaviour.
 */
export function heapTranspose(
  stock: StockKernels,
  backend: BackendWasm,
  x: TensorInfo,
  perm: readonly number[],
): TensorInfo {
  const outShape = perm.map((axis) => x.shape[axis]!);
  const plan = planTranspose(x.shape, perm);
  const route = chooseRoute(x, outShape, plan);
  if (route === 'stock') return runStockKernel(stock, Transpose, backend, { x }, { perm: [...perm] });
  if (route === 'stock-merged') {
    const merged = runStockKernel(
      stock,
      Transpose,
      backend,
      { x: { ...x, shape: plan.shape } },
      { perm: plan.perm },
    );
    return { ...merged, shape: outShape };
  }
  // Allocate before taking heap views: a malloc may grow the heap and detach older views.
  const out = backend.makeOutput(outShape, x.dtype);
  if (util.sizeFromShape(outShape) === 0) return out;
  const source = backend.typedArrayFromHeap(x) as HeapView;
  const target = backend.typedArrayFromHeap(out) as HeapView;
  const { shape, perm: mergedPerm } = plan;
  const rank = shape.length;
  if (rank <= 1) target.set(source);
  else if (route === 'tiled') transposeTiled(source, shape[0]!, shape[1]!, target);
  else if (mergedPerm[rank - 1] === rank - 1) copyRuns(source, shape, mergedPerm, target);
  else copyElements(source, shape, mergedPerm, target);
  return out;
}

/** Where a transpose runs: see {@link heapTranspose}. */
type TransposeRoute = 'stock' | 'stock-merged' | 'tiled' | 'javascript';

function chooseRoute(x: TensorInfo, outShape: number[], plan: TransposePlan): TransposeRoute {
  if (!HEAP_DTYPES.has(x.dtype)) return 'stock';
  // Empty tensors and plain copies never reach the stock kernel, which traps on some empty ones.
  const rank = plan.shape.length;
  if (util.sizeFromShape(outShape) === 0 || rank <= 1) return 'javascript';
  const stockRank = x.shape.filter((size) => size !== 1).length;
  const largeMatrix = rank === 2 && Math.min(plan.shape[0]!, plan.shape[1]!) >= TILE;
  if (largeMatrix && (stockRank === 2 || stockRank >= MIN_JAVASCRIPT_RANK)) return 'tiled';
  if (stockRank < MIN_JAVASCRIPT_RANK) return 'stock';
  return rank < MIN_JAVASCRIPT_RANK ? 'stock-merged' : 'javascript';
}

/** The replacement `Transpose` kernel. */
export function heapTransposeKernelFunc(stock: StockKernels): KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs }: WasmKernelArgs): TensorInfo =>
    heapTranspose(stock, backend, requiredInput(inputs, 'x'), attrs?.perm as number[]);
  return kernelFunc as unknown as KernelFunc;
}

/**
 * The output walks the input in contiguous runs of the innermost axis (perm ends with rank − 1);
 * an odometer over the outer output axes tracks where each run starts in the input.
 */
function copyRuns(source: HeapView, shape: number[], perm: number[], target: HeapView): void {
  const outer = perm.length - 1;
  const runLength = shape[outer]!;
  const { sizes, strides } = outputAxes(shape, perm.slice(0, outer));
  const index = new Array<number>(outer).fill(0);
  let sourceOffset = 0;
  for (let targetOffset = 0; targetOffset < target.length; targetOffset += runLength) {
    if (runLength >= MIN_SET_RUN) {
      target.set(source.subarray(sourceOffset, sourceOffset + runLength), targetOffset);
    } else {
      for (let i = 0; i < runLength; i += 1) target[targetOffset + i] = source[sourceOffset + i]!;
    }
    sourceOffset = advance(index, sizes, strides, sourceOffset);
  }
}

/** The [rows, columns] matrix written out as its [columns, rows] transpose, square tile by tile. */
function transposeTiled(source: HeapView, rows: number, columns: number, target: HeapView): void {
  for (let rowStart = 0; rowStart < rows; rowStart += TILE) {
    const rowEnd = Math.min(rowStart + TILE, rows);
    for (let columnStart = 0; columnStart < columns; columnStart += TILE) {
      const columnEnd = Math.min(columnStart + TILE, columns);
      for (let column = columnStart; column < columnEnd; column += 1) {
        const targetRow = column * rows;
        for (let row = rowStart; row < rowEnd; row += 1)
          target[targetRow + row] = source[row * columns + column]!;
      }
    }
  }
}

/** Any other permutation: element by element along the innermost output axis, odometer outside. */
function copyElements(source: HeapView, shape: number[], perm: number[], target: HeapView): void {
  const outer = perm.length - 1;
  const { sizes, strides } = outputAxes(shape, perm);
  const innerLength = sizes[outer]!;
  const innerStride = strides[outer]!;
  const index = new Array<number>(outer).fill(0);
  let sourceOffset = 0;
  for (let targetOffset = 0; targetOffset < target.length; targetOffset += innerLength) {
    for (let i = 0, from = sourceOffset; i < innerLength; i += 1, from += innerStride) {
      target[targetOffset + i] = source[from]!;
    }
    sourceOffset = advance(index, sizes, strides, sourceOffset);
  }
}

/** Sizes of the given output axes and the strides of their input axes in the input buffer. */
function outputAxes(shape: number[], inputAxes: number[]): { sizes: number[]; strides: number[] } {
  const inputStrides = [...util.computeStrides(shape), 1];
  return {
    sizes: inputAxes.map((axis) => shape[axis]!),
    strides: inputAxes.map((axis) => inputStrides[axis]!),
  };
}

/**
 * Steps the odometer `index` (over the first index.length of the given axes, last fastest) and
 * returns the input offset moved by the matching strides.
 */
function advance(index: number[], sizes: number[], strides: number[], offset: number): number {
  let moved = offset;
  for (let axis = index.length - 1; axis >= 0; axis -= 1) {
    index[axis]! += 1;
    moved += strides[axis]!;
    if (index[axis]! < sizes[axis]!) return moved;
    moved -= sizes[axis]! * strides[axis]!;
    index[axis] = 0;
  }
  return moved;
}
