import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFastWasmKernels } from '../src/index.js';
import { expectClose, expectFastEqualsStock, runWith } from './compare-kernels.js';
import { REFERENCE_ACTIVATIONS, type ReferenceActivation, referenceFusedMatMul } from './reference-matmul.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/**
 * Two operands of a (possibly batched, possibly transposed) product with float32 values in [−2, 2].
 * `batchOn` says which operands carry the batch axes; the other has as many axes of size 1.
 */
function productCase(innerSize: { min: number; max: number }) {
  return fc
    .record({
      batch: fc.constantFrom([], [1], [3], [2, 2]),
      batchOn: fc.constantFrom('both', 'a', 'b'),
      m: fc.integer({ min: 1, max: 9 }),
      k: fc.integer(innerSize),
      n: fc.integer({ min: 1, max: 9 }),
      transposeA: fc.boolean(),
      transposeB: fc.boolean(),
    })
    .chain((shape) => {
      const ones = shape.batch.map(() => 1);
      const batchA = shape.batchOn === 'b' ? ones : shape.batch;
      const batchB = shape.batchOn === 'a' ? ones : shape.batch;
      const aShape = [...batchA, ...(shape.transposeA ? [shape.k, shape.m] : [shape.m, shape.k])];
      const bShape = [...batchB, ...(shape.transposeB ? [shape.n, shape.k] : [shape.k, shape.n])];
      return fc.record({ a: values(aShape), b: values(bShape), bias: values([shape.n]) }).map((data) => ({
        ...shape,
        aShape,
        bShape,
        batchCount: sizeOf(batchA),
        bBatchCount: sizeOf(batchB),
        ...data,
      }));
    });
}

const matMulCase = productCase({ min: 1, max: 17 });
const sizeOf = (shape: readonly number[]) => shape.reduce((product, size) => product * size, 1);

function values(shape: number[]): fc.Arbitrary<Float32Array> {
  const length = sizeOf(shape);
  return fc.float32Array({ minLength: length, maxLength: length, min: -2, max: 2, noNaN: true });
}

/** Float32 rounding of K products of magnitude ≤ 4, summed in different orders. */
const tolerance = (k: number) => 4 * k * 2 ** -22;

describe('BatchMatMul replacement', () => {
  it('equals the stock kernel for every transpose combination, batch and broadcast', () => {
    fc.assert(
      fc.property(matMulCase, (c) => {
        expectFastEqualsStock(
          () => tf.matMul(tf.tensor(c.a, c.aShape), tf.tensor(c.b, c.bShape), c.transposeA, c.transposeB),
          tolerance(c.k),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('computes a transposed product on the fast path: bit for bit one of its two non-transposed routes', () => {
    // C = op(A)·op(B) = (op(B)ᵀ·op(A)ᵀ)ᵀ; the replacement materialises the transposes and calls the
    // non-transposed kernel on one of the two forms, so its bits are those of that form. With K > 48
    // the stock scalar loop sums in blocks of 48 and rounds differently, so delegating to it fails.
    fc.assert(
      fc.property(productCase({ min: 49, max: 96 }), (c) => {
        if (c.batch.length > 0) return;
        const opA = () => (c.transposeA ? tf.transpose(tf.tensor(c.a, c.aShape)) : tf.tensor(c.a, c.aShape));
        const opB = () => (c.transposeB ? tf.transpose(tf.tensor(c.b, c.bShape)) : tf.tensor(c.b, c.bShape));
        const [replaced] = runWith('fast', () =>
          tf.matMul(tf.tensor(c.a, c.aShape), tf.tensor(c.b, c.bShape), c.transposeA, c.transposeB),
        );
        const [direct] = runWith('fast', () => tf.matMul(opA() as tf.Tensor2D, opB() as tf.Tensor2D));
        const [swapped] = runWith('fast', () =>
          tf.transpose(tf.matMul(tf.transpose(opB()), tf.transpose(opA()))),
        );
        expect([direct!.values, swapped!.values]).toContainEqual(replaced!.values);
      }),
      { numRuns: 40 },
    );
  });

  it('multiplies a batch against a shared matrix as one stacked product, bit for bit', () => {
    // [S, M, K] · [K, N] is the (S·M)×K by K×N product, reshaped; K > 48 tells it from the scalar loop.
    fc.assert(
      fc.property(productCase({ min: 49, max: 64 }), (c) => {
        if (c.bBatchCount > 1 || c.batchCount === 1) return;
        const opA = () =>
          c.transposeA
            ? tf.transpose(tf.tensor(c.a, c.aShape), [...c.batch.keys(), c.batch.length + 1, c.batch.length])
            : tf.tensor(c.a, c.aShape);
        const opB = () =>
          c.transposeB ? tf.transpose(tf.tensor2d(c.b, [c.n, c.k])) : tf.tensor2d(c.b, [c.k, c.n]);
        const [replaced] = runWith('fast', () =>
          tf.matMul(tf.tensor(c.a, c.aShape), tf.tensor(c.b, c.bShape), c.transposeA, c.transposeB),
        );
        const [stacked] = runWith('fast', () => tf.matMul(tf.reshape(opA(), [-1, c.k]), opB()));
        expect(replaced!.shape).toEqual([...c.batch, c.m, c.n]);
        expect(replaced!.values).toEqual(stacked!.values);
      }),
      { numRuns: 30 },
    );
  });

  it('reports mismatched inner sizes as the stock kernel does', () => {
    registerFastWasmKernels();
    expect(() => tf.matMul(tf.ones([3, 5, 7]), tf.ones([6, 7]))).toThrow(/inner shapes \(7\) and \(6\)/);
  });

  it('leaves no tensor or heap buffer behind', () => {
    // The temporaries live only on the backend: a leak shows in its numDataIds, which tidy cannot
    // free (the engine's numDataBuffers counts only what tensors own).
    registerFastWasmKernels();
    const before = tf.memory();
    const heapBuffersBefore = tf.backend().numDataIds();
    tf.tidy(() => {
      const [a, b] = [tf.ones([5, 7]), tf.ones([6, 7])];
      tf.matMul(a, b, false, true);
      tf.matMul(a, tf.ones([5, 6]), true, false);
      tf.matMul(tf.ones([3, 5, 6]), b);
      tf.matMul(tf.ones([3, 7, 5]), b, true, true);
      tf.fused.matMul({ a: tf.ones([3, 5, 6]), b, bias: tf.ones([7]), activation: 'relu' });
    });
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(tf.backend().numDataIds()).toBe(heapBuffersBefore);
  });
});

describe('_FusedMatMul replacement', () => {
  const activations = Object.keys(REFERENCE_ACTIVATIONS) as ReferenceActivation[];

  it('equals activation(op(A)·op(B) + bias) for every transpose, fused activation and shared B', () => {
    // Compared with a float64 reference rather than the stock kernel: whenever it takes its scalar
    // loop, the stock kernel adds bias[min(i·N + j, N − 1)] instead of bias[j] (an upstream bug).
    // Products with a batched B are left to the stock kernel, so they are not checked here.
    fc.assert(
      fc.property(matMulCase, fc.constantFrom(...activations), fc.boolean(), (c, activation, withBias) => {
        if (c.bBatchCount > 1) return;
        const bias = withBias ? c.bias : undefined;
        const [fast] = runWith('fast', () =>
          tf.fused.matMul({
            a: tf.tensor(c.a, c.aShape),
            b: tf.tensor(c.b, c.bShape),
            transposeA: c.transposeA,
            transposeB: c.transposeB,
            bias: bias && tf.tensor1d(bias),
            activation,
            leakyreluAlpha: 0.1,
          }),
        );
        expect(fast!.shape).toEqual([...c.batch, c.m, c.n]);
        expectClose(fast!.values, referenceFusedMatMul(c.a, c.b, c, bias, activation), tolerance(c.k + 1));
      }),
      { numRuns: 100 },
    );
  });

  it('equals the stock kernel without bias, batched or not', () => {
    fc.assert(
      fc.property(matMulCase, fc.constantFrom(...activations), (c, activation) => {
        expectFastEqualsStock(
          () =>
            tf.fused.matMul({
              a: tf.tensor(c.a, c.aShape),
              b: tf.tensor(c.b, c.bShape),
              transposeA: c.transposeA,
              transposeB: c.transposeB,
              activation,
              leakyreluAlpha: 0.1,
            }),
          tolerance(c.k),
        );
      }),
      { numRuns: 60 },
    );
  });
});
