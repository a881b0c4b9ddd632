import type { Matrix } from '@halp/hypersphere';

/** The rows of equally wide matrices, one after the other, in one new matrix. */
export function stackRows(parts: readonly Matrix[]): Matrix {
  const columns = parts[0]?.columns ?? 0;
  if (parts.some((part) => part.columns !== columns)) {
    throw new RangeError(`stackRows: widths differ (${parts.map((part) => part.columns).join(', ')})`);
  }
  const rows = parts.reduce((total, part) => total + part.rows, 0);
  const data = new Float64Array(rows * columns);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data.subarray(0, part.rows * columns), offset);
    offset += part.rows * columns;
  }
  return { rows, columns, data };
}
