import {
  dot,
  expMap,
  geodesicAngle,
  geodesicStep,
  logMap,
  normalize,
  slerp,
  type Vector,
} from '@halp/hypersphere';
import {
  expMapRows,
  geodesicAngleRows,
  geodesicStepRows,
  logMapRows,
  normalizeRows,
  rowDot,
  slerpRows,
} from '@halp/hypersphere/tensor';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dimension, interpolation } from './arbitraries.js';
import { mixedBatch, type RowPair, rowPair, rowsOf, stack, useCpuBackend } from './tensor-support.js';

beforeAll(useCpuBackend);

/**
 * Float32 tolerance for comparing a batched row with the array form on the same (float32) inputs:
 * ~1e-6 from float32 arithmetic, plus the conditioning of the tangent direction near Ω = π, where
 * the inputs' float32 rounding (~6e-8) moves it by ~6e-8/sin Ω. Exact antipodes use the fixed
 * direction e⊥ and are not ill-conditioned.
 */
function float32Tolerance(pair: RowPair): number {
  const sine = Math.sin(geodesicAngle(pair.a, pair.b));
  return 1e-6 + (sine > 1e-4 ? 5e-7 / sine : 0);
}

function expectRowsClose(actual: number[][], expected: (pair: RowPair) => Vector, batch: RowPair[]): void {
  batch.forEach((pair, i) => {
    const reference = expected(pair);
    const worst = Math.max(...actual[i]!.map((value, j) => Math.abs(value - reference[j]!)));
    expect(worst, `${pair.kind} row ${i}`).toBeLessThan(float32Tolerance(pair));
  });
}

/** fast-check input for a batch: dimension, seed and batch size (≥ 9 rows, so every kind appears). */
const batches = fc.record({ dim: dimension, seed: fc.nat(), size: fc.integer({ min: 9, max: 24 }) });

function withBatch(
  { dim, seed, size }: { dim: number; seed: number; size: number },
  check: (batch: RowPair[], a: tf.Tensor2D, b: tf.Tensor2D) => void,
): void {
  const batch = mixedBatch(dim, size, seed);
  const a = stack(
    batch.map((pair) => pair.a),
    dim,
  );
  const b = stack(
    batch.map((pair) => pair.b),
    dim,
  );
  try {
    check(batch, a, b);
  } finally {
    a.dispose();
    b.dispose();
  }
}

describe('batched = array form (random and degenerate rows, float32 tolerance)', () => {
  it('normalizeRows, rowDot and geodesicAngleRows', () => {
    fc.assert(
      fc.property(batches, (input) =>
        withBatch(input, (batch, a, b) => {
          expectRowsClose(rowsOf(normalizeRows(a)), (pair) => normalize(pair.a), batch);
          const dots = rowDot(a, b);
          const angles = geodesicAngleRows(a, b);
          const [dotValues, angleValues] = [dots.dataSync(), angles.dataSync()];
          tf.dispose([dots, angles]);
          batch.forEach((pair, i) => {
            expect(dotValues[i]!).toBeCloseTo(dot(pair.a, pair.b), 3);
            expect(Math.abs(angleValues[i]! - geodesicAngle(pair.a, pair.b)), pair.kind).toBeLessThan(1e-6);
          });
        }),
      ),
      { numRuns: 40 },
    );
  });

  it('slerpRows and geodesicStepRows for a shared t', () => {
    fc.assert(
      fc.property(batches, interpolation, (input, t) =>
        withBatch(input, (batch, a, b) => {
          expectRowsClose(rowsOf(slerpRows(a, b, t)), (pair) => slerp(pair.a, pair.b, t), batch);
          expectRowsClose(
            rowsOf(geodesicStepRows(a, b, t)),
            (pair) => geodesicStep(pair.a, pair.b, t),
            batch,
          );
        }),
      ),
      { numRuns: 40 },
    );
  });

  it('slerpRows with one t per row, given as [B] or [B, 1]', () => {
    fc.assert(
      fc.property(batches, fc.nat(), (input, tSeed) =>
        withBatch(input, (batch, a, b) => {
          const ts = batch.map((_, i) => ((tSeed + i * 0.618) % 1) as number);
          const perRow = tf.tensor1d(ts);
          const column = tf.tensor2d(ts, [ts.length, 1]);
          const expected = (pair: RowPair) => slerp(pair.a, pair.b, ts[batch.indexOf(pair)]!);
          expectRowsClose(rowsOf(slerpRows(a, b, perRow)), expected, batch);
          expectRowsClose(rowsOf(slerpRows(a, b, column)), expected, batch);
          tf.dispose([perRow, column]);
        }),
      ),
      { numRuns: 20 },
    );
  });

  it('logMapRows and expMapRows', () => {
    fc.assert(
      fc.property(batches, (input) =>
        withBatch(input, (batch, a, b) => {
          const logs = logMapRows(a, b);
          const exps = expMapRows(a, logs);
          expectRowsClose(rowsOf(logs), (pair) => logMap(pair.a, pair.b), batch);
          expectRowsClose(rowsOf(exps), (pair) => expMap(pair.a, logMap(pair.a, pair.b)), batch);
        }),
      ),
      { numRuns: 40 },
    );
  });
});

describe('tensor form memory and gradients', () => {
  it('leaves no tensors behind', () => {
    withBatch({ dim: 16, seed: 3, size: 12 }, (_, a, b) => {
      const t = tf.tensor1d(new Array(12).fill(0.4));
      const before = tf.memory().numTensors;
      for (const result of [
        normalizeRows(a),
        rowDot(a, b),
        geodesicAngleRows(a, b),
        slerpRows(a, b, 0.3),
        slerpRows(a, b, t),
        geodesicStepRows(a, b, t),
        logMapRows(a, b),
        expMapRows(a, b),
      ]) {
        result.dispose();
      }
      const gradients = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
        tf.sum(slerpRows(x as tf.Tensor2D, y as tf.Tensor2D, 0.5)),
      )([a, b]);
      tf.dispose(gradients);
      expect(tf.memory().numTensors).toBe(before);
      t.dispose();
    });
  });

  it('has finite gradients on every degenerate row kind', () => {
    const functions: Record<string, (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor> = {
      normalizeRows: (a, b) => tf.concat([normalizeRows(a), normalizeRows(b)], 1),
      geodesicAngleRows,
      slerpRows: (a, b) => slerpRows(a, b, 0.3),
      geodesicStepRows: (a, b) => geodesicStepRows(a, b, 0.7),
      logMapRows,
      expMapRows,
    };
    withBatch({ dim: 5, seed: 11, size: 18 }, (_, a, b) => {
      for (const [name, f] of Object.entries(functions)) {
        const gradients = tf.grads((x: tf.Tensor, y: tf.Tensor) => {
          const value = f(x as tf.Tensor2D, y as tf.Tensor2D);
          // A fixed, non-symmetric weighting so that no gradient vanishes by cancellation.
          return tf.sum(tf.mul(value, tf.sin(tf.reshape(tf.range(1, value.size + 1), value.shape))));
        })([a, b]);
        for (const gradient of gradients) {
          expect(Array.from(gradient.dataSync()).every(Number.isFinite), name).toBe(true);
        }
        tf.dispose(gradients);
      }
    });
  });

  it('normalizeRows’ hand-written gradient matches autodiff of x/‖x‖ on nonzero rows', () => {
    fc.assert(
      fc.property(dimension, fc.nat(), (dim, seed) => {
        const x = tf.randomNormal([4, dim], 0, 2, 'float32', seed);
        const upstream = tf.randomNormal([4, dim], 0, 1, 'float32', seed + 1);
        const loss = (f: (x: tf.Tensor2D) => tf.Tensor) => (input: tf.Tensor) =>
          tf.sum(tf.mul(f(input as tf.Tensor2D), upstream));
        const custom = tf.grad(loss(normalizeRows))(x);
        const naive = tf.grad(loss((rows) => tf.div(rows, tf.norm(rows, 'euclidean', 1, true))))(x);
        const [c, n] = [custom.dataSync(), naive.dataSync()];
        for (let i = 0; i < c.length; i += 1) expect(Math.abs(c[i]! - n[i]!)).toBeLessThan(1e-5);
        tf.dispose([x, upstream, custom, naive]);
      }),
      { numRuns: 20 },
    );
  });

  it('geodesicAngleRows’ gradient matches autodiff of acos(â·b̂) where acos is well conditioned', () => {
    const pairs = [rowPair('random', 6, 1), rowPair('random', 6, 2), rowPair('random', 6, 3)];
    const a = stack(
      pairs.map((pair) => pair.a),
      6,
    );
    const b = stack(
      pairs.map((pair) => pair.b),
      6,
    );
    const viaAcos = (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(
        tf.acos(
          tf.sum(
            tf.mul(tf.div(x, tf.norm(x, 'euclidean', 1, true)), tf.div(y, tf.norm(y, 'euclidean', 1, true))),
            1,
          ),
        ),
      );
    const expected = tf.grads(viaAcos)([a, b]);
    const actual = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(geodesicAngleRows(x as tf.Tensor2D, y as tf.Tensor2D)),
    )([a, b]);
    actual.forEach((gradient, k) => {
      const [g, e] = [gradient.dataSync(), expected[k]!.dataSync()];
      for (let i = 0; i < g.length; i += 1) expect(Math.abs(g[i]! - e[i]!)).toBeLessThan(1e-5);
    });
    tf.dispose([a, b, ...expected, ...actual]);
  });

  it('normalises float32 rows whose squares would underflow or overflow', () => {
    const rows = tf.tensor2d([
      [3e-30, 4e-30],
      [3e30, 4e30],
      [0, 0],
    ]);
    const unit = rowsOf(normalizeRows(rows));
    rows.dispose();
    expect(unit[0]![0]).toBeCloseTo(0.6, 6);
    expect(unit[1]![1]).toBeCloseTo(0.8, 6);
    expect(unit[2]).toEqual([0, 0]);
  });

  it('rejects mismatched shapes and malformed t', () => {
    const a = tf.zeros([3, 4]) as tf.Tensor2D;
    const b = tf.zeros([2, 4]) as tf.Tensor2D;
    const wrongT = tf.zeros([2]);
    expect(() => slerpRows(a, b, 0.5)).toThrow(RangeError);
    expect(() => slerpRows(a, a, wrongT)).toThrow(RangeError);
    expect(() => slerpRows(a, a, Number.NaN)).toThrow(RangeError);
    expect(() => rowDot(a, b)).toThrow(RangeError);
    tf.dispose([a, b, wrongT]);
  });
});
