/** Number of elements of an array of this shape: the product of its dimensions (1 for shape `[]`). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

/** `(3, 300, 25, 2)`: a shape as Python prints a tuple, for messages and `.npy` headers. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
