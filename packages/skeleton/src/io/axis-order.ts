import { elementCount } from './shape.js';

/**
 * Reverses the axes of an array stored row-major (C order) as raw `itemSize`-byte elements: element
 * `[i0, …, i(n-1)]` of the input (shape `shape`) becomes element `[i(n-1), …, i0]` of the output
 * (shape `shape` reversed), again row-major.
 *
 * This is the whole C ↔ Fortran conversion: Fortran (column-major) bytes of an array of shape `s`
 * are exactly the C bytes of its transpose, of shape `reverse(s)`. So
 * - Fortran bytes → C bytes: `reverseAxes(bytes, reverse(s), itemSize)`;
 * - C bytes → Fortran bytes: `reverseAxes(bytes, s, itemSize)`.
 * Working on bytes keeps it independent of the element type.
 */
export function reverseAxes(bytes: Uint8Array, shape: readonly number[], itemSize: number): Uint8Array {
  const output = new Uint8Array(bytes.length);
  const rank = shape.length;
  if (rank < 2) {
    output.set(bytes);
    return output;
  }
  const outputShape = [...shape].reverse();
  // Input stride (in elements) of each output axis: output axis k is input axis rank-1-k.
  const inputStrides = new Array<number>(rank);
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    inputStrides[rank - 1 - axis] = stride;
    stride *= shape[axis]!;
  }
  const index = new Array<number>(rank).fill(0);
  let inputElement = 0;
  const count = elementCount(shape);
  for (let outputElement = 0; outputElement < count; outputElement++) {
    const from = inputElement * itemSize;
    const to = outputElement * itemSize;
    for (let byte = 0; byte < itemSize; byte++) output[to + byte] = bytes[from + byte]!;
    // Odometer step over the output index, keeping the input offset in sync.
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      inputElement += inputStrides[axis]!;
      if (index[axis]! < outputShape[axis]!) break;
      inputElement -= inputStrides[axis]! * outputShape[axis]!;
      index[axis] = 0;
    }
  }
  return output;
}
