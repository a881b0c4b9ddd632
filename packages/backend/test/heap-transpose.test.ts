import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFastWasmKernels, restoreStockWasmKernels } from '../src/index.js';
import { planTranspose } from '../src/wasm-kernels/transpose-plan.js';
import { expectClose, expectFastEqualsStock } from './compare-kernels.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});
afterAll(() => restoreStockWasmKernels());

const sizeOf = (shape: readonly number[]) => shape.reduce((product, size) => product * size, 1);

type HeapDtype = 'float32' | 'int32' | 'bool';
const heapDtype = fc.constantFrom<HeapDtype>('float32', 'int32', 'bool');

/** Distinct entries 0, 1, 2, … (alternating true/false for bool), so any misplaced element shows. */
function iota(shape: number[], dtype: HeapDtype): tf.Tensor {
  const values = Float32Array.from({ length: sizeOf(shape) }, (_, i) => i);
  return dtype === 'bool'
    ? tf.tensor(
        values.map((v) => v % 2),
        shape,
        'bool',
      )
    : tf.tensor(values, shape, dtype);
}

/** A shape with one of its permutations. */
const permutedShape = (axisSize: fc.Arbitrary<number>, minRank: number, maxRank: number) =>
  fc.array(axisSize, { minLength: minRank, maxLength: maxRank }).chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      perm: fc.shuffledSubarray(
        shape.map((_, axis) => axis),
        { minLength: shape.length },
      ),
    }),
  );

/** The fields of a generated value as constant arbitraries, to extend the record with more fields. */
function mapConstants<T extends object>(value: T): { [K in keyof T]: fc.Arbitrary<T[K]> } {
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, fc.constant(field)])) as {
    [K in keyof T]: fc.Arbitrary<T[K]>;
  };
}

describe('planTranspose', () => {
  it('merges [N, T, V, C] under [3, 0, 1, 2] into a 2-D transpose and under [2, 0, 1, 3] into [V, N·T, C]', () => {
    expect(planTranspose([4, 5, 6, 7], [3, 0, 1, 2])).toEqual({ shape: [4 * 5 * 6, 7], perm: [1, 0] });
    expect(planTranspose([4, 5, 6, 7], [2, 0, 1, 3])).toEqual({ shape: [4 * 5, 6, 7], perm: [1, 0, 2] });
  });

  it('merges across size-1 axes: an identity with unit axes is one copy', () => {
    expect(planTranspose([4, 1, 4, 3], [0, 1, 2, 3])).toEqual({ shape: [48], perm: [0] });
    expect(planTranspose([4, 1, 4, 3], [1, 3, 0, 2])).toEqual({ shape: [16, 3], perm: [1, 0] });
  });

  it('keeps the size, drops every size-1 axis and leaves no two mergeable axes', () => {
    fc.assert(
      fc.property(permutedShape(fc.integer({ min: 1, max: 4 }), 0, 6), ({ shape, perm }) => {
        const plan = planTranspose(shape, perm);
        expect(sizeOf(plan.shape)).toBe(sizeOf(shape));
        expect(plan.shape.every((size) => size > 1)).toBe(true);
        expect([...plan.perm].sort((a, b) => a - b)).toEqual(plan.shape.map((_, axis) => axis));
        for (let i = 1; i < plan.perm.length; i += 1) expect(plan.perm[i]).not.toBe(plan.perm[i - 1]! + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Transpose replacement', () => {
  it('equals the stock kernel for ranks 1–6 with size-1 axes, every heap dtype', () => {
    fc.assert(
      fc.property(permutedShape(fc.integer({ min: 1, max: 4 }), 1, 6), heapDtype, ({ shape, perm }, dtype) =>
        expectFastEqualsStock(() => tf.transpose(iota(shape, dtype), perm), 0),
      ),
      { numRuns: 200 },
    );
  });

  // The stock kernel traps ("divide by zero") on many empty tensors, so the cpu backend is the
  // reference. Stock reductions of an empty tensor leave their output uninitialised (a tfjs bug of
  // its own), so there only the shapes are compared.
  it('equals the cpu backend on empty tensors, reductions of them included', async () => {
    const emptyCase = permutedShape(fc.integer({ min: 0, max: 3 }), 1, 6)
      .filter(({ shape }) => sizeOf(shape) === 0)
      .chain((c) => fc.record({ ...mapConstants(c), axes: fc.subarray(c.shape.map((_, axis) => axis)) }));
    const run = ({ shape, perm, axes }: { shape: number[]; perm: number[]; axes: number[] }) =>
      tf.tidy(() => {
        const x = iota(shape, 'float32');
        const transposed = tf.transpose(x, perm);
        return {
          transposed: { shape: transposed.shape, values: Array.from(transposed.dataSync()) },
          reducedShapes: [tf.sum(x, axes).shape, tf.max(transposed, axes, true).shape],
        };
      });
    for (const c of fc.sample(emptyCase, { numRuns: 40, seed: 5 })) {
      await tf.setBackend('cpu');
      const reference = run(c);
      await tf.setBackend('wasm');
      registerFastWasmKernels();
      expect(run(c)).toEqual(reference);
    }
  });

  it('equals the stock kernel on axes long enough for the tiled and run-copy paths', () => {
    const longAxes = permutedShape(fc.constantFrom(1, 2, 3, 33, 40), 2, 6).filter(
      ({ shape }) => sizeOf(shape) <= 60_000,
    );
    fc.assert(
      fc.property(longAxes, heapDtype, ({ shape, perm }, dtype) =>
        expectFastEqualsStock(() => tf.transpose(iota(shape, dtype), perm), 0),
      ),
      { numRuns: 60 },
    );
  });
});

describe('reductions over non-innermost axes', () => {
  const reductionCase = fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        axes: fc.subarray(shape.map((_, axis) => axis)),
        keepDims: fc.boolean(),
      }),
    );
  const reductions: Record<string, (x: tf.Tensor, axes: number[], keepDims: boolean) => tf.Tensor> = {
    sum: (x, axes, keepDims) => tf.sum(x, axes, keepDims),
    mean: (x, axes, keepDims) => tf.mean(x, axes, keepDims),
    prod: (x, axes, keepDims) => tf.prod(x, axes, keepDims),
    min: (x, axes, keepDims) => tf.min(x, axes, keepDims),
    max: (x, axes, keepDims) => tf.max(x, axes, keepDims),
    all: (x, axes, keepDims) => tf.all(tf.greater(x, -1), axes, keepDims),
    any: (x, axes, keepDims) => tf.any(tf.greater(x, 0), axes, keepDims),
  };

  it('equal the stock kernels for every reduction, axis set and keepDims', () => {
    fc.assert(
      fc.property(
        reductionCase,
        fc.constantFrom(...Object.keys(reductions)),
        fc.constantFrom<'float32' | 'int32'>('float32', 'int32'),
        ({ shape, axes, keepDims }, name, dtype) => {
          fc.pre(sizeOf(shape) > 0);
          // Entries in {−1, 0, 1}: products of up to 1024 of them stay finite.
          const values = () => tf.cast(tf.sub(tf.mod(iota(shape, 'float32'), 3), 1), dtype);
          expectFastEqualsStock(() => reductions[name]!(values(), axes, keepDims), 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * A loss that autodiff differentiates through rank-5 transposes and reductions over leading axes,
 * as the graph encoder's BatchNorm does: L = Σ ((Xᵖ − μ)² ⊙ W) with Xᵖ = transpose(X, p) and μ the
 * mean over all but the last axis.
 */
function gradients(x: Float32Array, w: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const loss = (X: tf.Tensor, W: tf.Tensor) => {
      const permuted = tf.transpose(X, [2, 3, 1, 0, 4]);
      const centred = tf.sub(permuted, tf.mean(permuted, [0, 1, 2, 3], true));
      return tf.sum(tf.mul(tf.square(centred), W));
    };
    const grads = tf.grads(loss)([tf.tensor(x, [2, 3, 4, 5, 3]), tf.tensor(w, [4, 5, 3, 2, 3])]);
    return grads.map((g) => Float32Array.from(g.dataSync()));
  });
}

describe('gradients through transposes with the fast WASM kernels', () => {
  it('equal those of the cpu backend', async () => {
    const data = fc.float32Array({ minLength: 360, maxLength: 360, min: -1, max: 1, noNaN: true });
    for (const [x, w] of fc.sample(fc.tuple(data, data), { numRuns: 3, seed: 11 })) {
      await tf.setBackend('cpu');
      const reference = gradients(x, w);
      await tf.setBackend('wasm');
      registerFastWasmKernels();
      const fast = gradients(x, w);
      for (const [index, gradient] of fast.entries()) expectClose(gradient, reference[index]!, 1e-4);
    }
  });
});

describe('memory', () => {
  it('leaves no tensor or heap buffer behind on any path', () => {
    registerFastWasmKernels();
    const x = iota([3, 4, 1, 40, 33], 'float32');
    const before = tf.memory();
    // The engine counts tensors; buffers a kernel allocates and forgets show only in the backend.
    const heapBuffersBefore = tf.backend().numDataIds();
    // tidy frees the reshape's tensor; a heap buffer a kernel forgot would still show.
    tf.dispose(
      tf.tidy(() => [
        tf.transpose(x, [2, 3, 1, 0, 4]),
        tf.transpose(x, [4, 3, 2, 1, 0]),
        tf.transpose(x, [0, 2, 3, 1, 4]),
        tf.transpose(tf.reshape(x, [12, 1320])),
        tf.transpose(x, [0, 1, 2, 3, 4]),
        tf.sum(x, [0, 1, 3], true),
        tf.max(x, [1, 2]),
      ]),
    );
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(tf.backend().numDataIds()).toBe(heapBuffersBefore);
    tf.dispose(x);
  });
});
