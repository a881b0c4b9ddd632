import type { ReferencePart } from './reference-bigru-names.js';

/** Float32 values with their shape (the trainer's `StoredTensor`). */
export interface NamedArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Parts side by side along the last axis, each transposed first when it is a PyTorch matrix
 * ([out, in] → [in, out]).
 */
export function assemble(arrays: readonly NamedArray[], parts: readonly ReferencePart[]): NamedArray {
  const pieces = arrays.map((array, i) => (parts[i]!.transpose ? transpose(array) : array));
  if (pieces.length === 1) return pieces[0]!;
  const rows = pieces[0]!.shape.length === 2 ? pieces[0]!.shape[0]! : 1;
  const widths = pieces.map((piece) => piece.shape.at(-1)!);
  const width = widths.reduce((a, b) => a + b, 0);
  const data = new Float32Array(rows * width);
  let column = 0;
  pieces.forEach((piece, p) => {
    for (let row = 0; row < rows; row += 1) {
      data.set(piece.data.subarray(row * widths[p]!, (row + 1) * widths[p]!), row * width + column);
    }
    column += widths[p]!;
  });
  return { shape: pieces[0]!.shape.length === 2 ? [rows, width] : [width], data };
}

/** A matrix [rows, columns] as [columns, rows] (PyTorch's `W x` layout ↔ halp's `x · W`). */
export function transpose({ shape, data }: NamedArray): NamedArray {
  const [rows, columns] = shape as [number, number];
  const output = new Float32Array(data.length);
  for (let r = 0; r < rows; r += 1)
    for (let c = 0; c < columns; c += 1) output[c * rows + r] = data[r * columns + c]!;
  return { shape: [columns, rows], data: output };
}

/**
 * The inverse of {@link assemble}: `array` cut into `parts.length` equal pieces along its last axis,
 * each transposed back when it is a PyTorch matrix.
 */
export function disassemble(array: NamedArray, parts: readonly ReferencePart[]): NamedArray[] {
  const { shape, data } = array;
  const total = shape.at(-1)!;
  const width = total / parts.length;
  const rows = shape.length === 2 ? shape[0]! : 1;
  return parts.map((part, p) => {
    const piece = new Float32Array(rows * width);
    for (let row = 0; row < rows; row += 1) {
      piece.set(data.subarray(row * total + p * width, row * total + (p + 1) * width), row * width);
    }
    if (shape.length !== 2) return { shape: [width], data: piece };
    const matrix = { shape: [rows, width], data: piece };
    return part.transpose ? transpose(matrix) : matrix;
  });
}
