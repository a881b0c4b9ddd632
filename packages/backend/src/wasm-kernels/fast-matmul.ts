import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  _FusedMatMul,
  BatchMatMul,
  broadcast_util,
  type KernelFunc,
  type NamedAttrMap,
  Reshape,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { heapSlice } from './heap-slice.js';
import { heapTranspose } from './heap-transpose.js';
import { requiredInput, runStockKernel, type StockKernels, type WasmKernelArgs } from './stock-kernels.js';

/** The two matMul kernels this module replaces. */
export const FAST_MATMUL_KERNEL_NAMES = [BatchMatMul, _FusedMatMul] as const;

/**
 * How a product C = op(A)·op(B) (op(A): M×K, op(B): K×N, possibly with leading batch axes) reaches
 * XNNPACK, which tfjs-backend-wasm 4.22 uses only for non-transposed products of batch size 1:
 *   stock     – already fast, or no route applies (non-float32, empty, invalid, fused with a batched B);
 *   direct    – C = op(A)·op(B) with the transposes materialised;
 *   swapped   – C = (op(B)ᵀ·op(A)ᵀ)ᵀ, materialising the transposes of the non-transposed operands
 *               and of C;
 *   flattened – B shared by every matrix of a batched A: the batch rows are stacked into one
 *               (batch·M)×K matrix, multiplied once and unstacked again (reshapes copy nothing);
 *   perMatrix – a batched B (graph convolutions' per-sample adjacency, attention): each pair of
 *               matrices is copied out of the heap and multiplied on one of the routes above.
 */
type Route = 'stock' | 'direct' | 'swapped' | 'flattened' | 'perMatrix';

/**
 * Replacements for the WASM `BatchMatMul` and `_FusedMatMul` kernels.
 *
 * Outside XNNPACK's one case, the stock kernels run a blocked scalar loop at about 1 GFLOP/s
 * instead of 15–40. Reverse-mode
 * autodiff of C = A·B produces exactly the transposed cases,
 *   ∂L/∂A = ∂L/∂C · Bᵀ   and   ∂L/∂B = Aᵀ · ∂L/∂C,
 * and a dense layer applied to a sequence is a batched A against a shared B. Materialising a
 * transpose with the `Transpose` kernel costs O(M·K + K·N) element moves against O(M·N·K)
 * multiply-adds. For a transposed `BatchMatMul` the cheaper of `direct` and `swapped` is taken:
 * XNNPACK also repacks its right operand (K·N, resp. K·M elements) on every call with a new tensor,
 * so for ∂L/∂A = ∂L/∂C · Bᵀ with a wide B the swapped route moves 5–10× fewer elements.
 * `_FusedMatMul` never swaps, since its bias and PReLU weights are laid out along N.
 *
 * The fast path also fixes a stock bug for the products it takes over: the scalar loop adds
 * bias[min(i·N + j, N − 1)] instead of bias[j] to C[i][j]. Fused products with a batched B stay on
 * the stock kernel, bug included.
 */
export function fastMatMulKernelFunc(kernelName: string, stock: StockKernels): KernelFunc {
  const kernelFunc = (args: WasmKernelArgs): TensorInfo => {
    const { inputs, backend } = args;
    const attrs = args.attrs ?? {};
    const a = requiredInput(inputs, 'a');
    const b = requiredInput(inputs, 'b');
    const transposeA = attrs.transposeA === true;
    const transposeB = attrs.transposeB === true;
    const route = chooseRoute(kernelName, args, transposeA, transposeB);
    if (route === 'stock') return runStockKernel(stock, kernelName, backend, inputs, attrs);

    const fastAttrs: NamedAttrMap = { ...attrs, transposeA: false, transposeB: false };
    const temporaries: TensorInfo[] = [];
    const temporary = (x: TensorInfo) => {
      temporaries.push(x);
      return x;
    };
    const transposed = (x: TensorInfo) => temporary(transposeInnerMatrix(stock, backend, x));
    const reshaped = (x: TensorInfo, shape: number[]) =>
      runStockKernel(stock, Reshape, backend, { x }, { shape });
    try {
      if (route === 'perMatrix') return perMatrixProduct(kernelFunc, args, stock);
      if (route === 'swapped') {
        const left = transposeB ? b : transposed(b);
        const right = transposeA ? a : transposed(a);
        const product = temporary(
          runStockKernel(stock, kernelName, backend, { a: left, b: right }, fastAttrs),
        );
        return transposeInnerMatrix(stock, backend, product);
      }
      const left = transposeA ? transposed(a) : a;
      const right = transposeB ? transposed(b) : b;
      if (route === 'direct') {
        return runStockKernel(stock, kernelName, backend, { ...inputs, a: left, b: right }, fastAttrs);
      }
      const [m, k] = innerMatrix(a, transposeA);
      const n = innerMatrix(b, transposeB)[1];
      const stackedRows = temporary(reshaped(left, [1, util.sizeFromShape(left.shape) / k, k]));
      const product = temporary(
        runStockKernel(stock, kernelName, backend, { ...inputs, a: stackedRows, b: right }, fastAttrs),
      );
      const batchShape = broadcast_util.assertAndGetBroadcastShape(
        a.shape.slice(0, -2),
        b.shape.slice(0, -2),
      );
      return reshaped(product, [...batchShape, m, n]);
    } finally {
      for (const info of temporaries) backend.disposeData(info.dataId);
    }
  };
  return kernelFunc as unknown as KernelFunc;
}

function chooseRoute(
  kernelName: string,
  { inputs }: WasmKernelArgs,
  transposeA: boolean,
  transposeB: boolean,
): Route {
  const a = requiredInput(inputs, 'a');
  const b = requiredInput(inputs, 'b');
  // Anything unusual goes to the stock kernel, which also reports invalid shapes in the caller's terms.
  const supported =
    a.dtype === 'float32' &&
    b.dtype === 'float32' &&
    util.sizeFromShape(a.shape) > 0 &&
    util.sizeFromShape(b.shape) > 0 &&
    innerMatrix(a, transposeA)[1] === innerMatrix(b, transposeB)[0];
  if (!supported) return 'stock';
  if (batchSize(b) > 1) {
    const sameBatch = util.arraysEqual(a.shape.slice(0, -2), b.shape.slice(0, -2));
    return kernelName === BatchMatMul && (sameBatch || batchSize(a) === 1) ? 'perMatrix' : 'stock';
  }
  if (batchSize(a) > 1) {
    // PReLU weights of rank > 1 may vary along M, which the flattening would misalign.
    const prelu = inputs.preluActivationWeights;
    return prelu === undefined || prelu.shape.length <= 1 ? 'flattened' : 'stock';
  }
  if (!transposeA && !transposeB) return 'stock';
  return kernelName === BatchMatMul && swappedRouteIsCheaper(a, b, transposeA, transposeB)
    ? 'swapped'
    : 'direct';
}

/** Compares the element moves of both routes: transposes materialised plus XNNPACK's repacking. */
function swappedRouteIsCheaper(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  const [m, k] = innerMatrix(a, transposeA);
  const n = innerMatrix(b, transposeB)[1];
  const direct = (transposeA ? m * k : 0) + (transposeB ? k * n : 0) + k * n;
  const swapped = (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + k * m + m * n;
  return swapped < direct;
}

/** Rows and columns of op(x), the matrix that enters the product. */
function innerMatrix(x: TensorInfo, transposed: boolean): [number, number] {
  const rows = x.shape[x.shape.length - 2]!;
  const columns = x.shape[x.shape.length - 1]!;
  return transposed ? [columns, rows] : [rows, columns];
}

/**
 * C_i = op(A_i)·op(B_i) for every batch entry i of a batched B (A batched alike, or shared), each a
 * batch-1 product on the fast routes. Copying A_i and B_i out costs O(M·K + K·N) against O(M·N·K).
 */
function perMatrixProduct(
  kernelFunc: (args: WasmKernelArgs) => TensorInfo,
  { inputs, backend, attrs }: WasmKernelArgs,
  stock: StockKernels,
): TensorInfo {
  const a = requiredInput(inputs, 'a');
  const b = requiredInput(inputs, 'b');
  const batch = batchSize(b);
  const matrixShape = (x: TensorInfo) => x.shape.slice(-2);
  const asStack = (x: TensorInfo) =>
    runStockKernel(stock, Reshape, backend, { x }, { shape: [batchSize(x), ...matrixShape(x)] });
  const aStack = asStack(a);
  const bStack = asStack(b);
  const [m] = innerMatrix(a, attrs?.transposeA === true);
  const n = innerMatrix(b, attrs?.transposeB === true)[1];
  const batchShape = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = backend.makeOutput([...batchShape, m, n], 'float32');
  try {
    for (let i = 0; i < batch; i += 1) {
      const entry = (stack: TensorInfo, x: TensorInfo, index: number) =>
        heapSlice(stock, backend, stack, [index, 0, 0], [1, ...matrixShape(x)]);
      const left = entry(aStack, a, batchSize(a) === 1 ? 0 : i);
      const right = entry(bStack, b, i);
      const product = kernelFunc({ inputs: { a: left, b: right }, backend, attrs });
      // Views are taken after every allocation: a malloc may grow the heap and detach older views.
      backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(product), i * m * n);
      for (const info of [left, right, product]) backend.disposeData(info.dataId);
    }
  } finally {
    backend.disposeData(aStack.dataId);
    backend.disposeData(bStack.dataId);
  }
  return out;
}

function batchSize(x: TensorInfo): number {
  return util.sizeFromShape(x.shape.slice(0, -2));
}

/** Swaps the last two axes with the heap transpose (a new heap buffer the caller frees). */
function transposeInnerMatrix(stock: StockKernels, backend: BackendWasm, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, axis) => axis), rank - 1, rank - 2];
  return heapTranspose(stock, backend, x, perm);
}
