import * as tf from '@tensorflow/tfjs-core';

/** An interpolation parameter: one number or scalar tensor for all rows, or a [B] / [B, 1] tensor. */
export type Interpolation = number | tf.Tensor;

/** Throws unless `t` is a finite number, a scalar, or one value per row ([B] or [B, 1]). */
export function assertInterpolation(t: Interpolation, rows: number, operation: string): void {
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) throw new RangeError(`${operation}: t must be finite, got ${t}`);
    return;
  }
  const perRow = (t.rank === 1 || (t.rank === 2 && t.shape[1] === 1)) && t.shape[0] === rows;
  if (t.rank !== 0 && !perRow) {
    throw new RangeError(`${operation}: t must be a scalar, [${rows}] or [${rows}, 1], got [${t.shape}]`);
  }
}

/** `t` as a float32 tensor that broadcasts against [B, 1] columns (call inside `tf.tidy`). */
export function interpolationColumn(t: Interpolation): tf.Tensor {
  if (typeof t === 'number') return tf.scalar(t);
  const column = t.rank === 1 ? tf.reshape(t, [t.shape[0]!, 1]) : t;
  return tf.cast(column, 'float32');
}
