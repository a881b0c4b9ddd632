import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { type Matrix, matrix, randomUnitVectors } from '@halp/hypersphere';
import { createRandom, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossModalDistillationLoss } from '../src/cross-modal-distillation.js';
import { crossModalDistillationLossArray } from '../src/cross-modal-distillation-array.js';
import {
  CMD_DEFAULT_OPTIONS,
  type CrossModalDistillationOptions,
  everyOrderedPair,
} from '../src/cross-modal-distillation-options.js';
import type { StreamEmbeddings } from '../src/stream-embeddings.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toTensor = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.columns]);
const toTensors = (streams: readonly StreamEmbeddings<Matrix>[]) =>
  streams.map(({ queries, keys, queue }) => ({
    queries: toTensor(queries),
    keys: toTensor(keys),
    queue: toTensor(queue),
  }));

/** The tensor form's value, computed and read back without leaving tensors behind. */
function tensorLoss(
  streams: readonly StreamEmbeddings<Matrix>[],
  options: CrossModalDistillationOptions,
): number {
  return tf.tidy(() => crossModalDistillationLoss(toTensors(streams), options).dataSync()[0]!);
}

function randomStreams(random: Random, count: number, batch: number, queue: number, dim: number) {
  return Array.from({ length: count }, () => ({
    queries: randomUnitVectors(batch, dim, random),
    keys: randomUnitVectors(batch, dim, random),
    queue: randomUnitVectors(queue, dim, random),
  }));
}

/**
 * Streams whose coordinates are multiples of 1/8 in [−1, 1]: with D ≤ 4 every dot product is exact in
 * float32, so the tensor and the array form see the same similarities and pick the same top-k
 * (equal similarities included, which the grid makes frequent).
 */
const gridStreams = fc
  .record({
    count: fc.integer({ min: 2, max: 3 }),
    batch: fc.integer({ min: 1, max: 3 }),
    queue: fc.integer({ min: 1, max: 10 }),
    dim: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ count, batch, queue, dim }) => {
    const grid = (rows: number) =>
      fc
        .array(fc.integer({ min: -8, max: 8 }), { minLength: rows * dim, maxLength: rows * dim })
        .map((values) =>
          matrix(
            rows,
            dim,
            values.map((v) => v / 8),
          ),
        );
    const stream = fc.record({ queries: grid(batch), keys: grid(batch), queue: grid(queue) });
    return fc.array(stream, { minLength: count, maxLength: count });
  });

const options = fc.record({
  topK: fc.integer({ min: 1, max: 12 }),
  teacherTemperature: fc.constantFrom(0.05, 0.1, 0.5),
  studentTemperature: fc.constantFrom(0.05, 0.1, 1),
});

describe('crossModalDistillationLoss', () => {
  it('matches a hand-computed case: 2 queries, queue of 3, top-2, in 2-D', () => {
    // Teacher stream 0: its keys' similarities to its own queue pick the neighbourhoods.
    //   k_0 = (1, 0): similarities (1, 0.6, 0) → slots {0, 1}, teacher logits (2, 1.2) at τ_t = 0.5
    //   k_1 = (0, 1): similarities (0, 0.8, 1) → slots {2, 1}, teacher logits (2, 1.6)
    // Student stream 1: its queries against its own queue at those slots, τ_s = 1.
    //   q_0 = (0, 1) at slots {0, 1} → (0, 1);   q_1 = (1, 0) at slots {2, 1} → (0.6, 0)
    const teacher = {
      queries: matrix(2, 2, [9, 9, 9, 9]), // unused: only the student's queries enter the loss
      keys: matrix(2, 2, [1, 0, 0, 1]),
      queue: matrix(3, 2, [1, 0, 0.6, 0.8, 0, 1]),
    };
    const student = {
      queries: matrix(2, 2, [0, 1, 1, 0]),
      keys: matrix(2, 2, [9, 9, 9, 9]), // unused: the student's keys do not enter this direction
      queue: matrix(3, 2, [1, 0, 0, 1, 0.6, 0.8]),
    };
    // KL between two-point distributions given by logit differences (first − second).
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    const kl = (teacherGap: number, studentGap: number) => {
      const p = sigmoid(teacherGap);
      const s = sigmoid(studentGap);
      return p * Math.log(p / s) + (1 - p) * Math.log((1 - p) / (1 - s));
    };
    const expected = (kl(2 - 1.2, 0 - 1) + kl(2 - 1.6, 0.6 - 0)) / 2;
    const settings = {
      topK: 2,
      teacherTemperature: 0.5,
      studentTemperature: 1,
      pairs: [{ teacher: 0, student: 1 }],
    };
    expect(crossModalDistillationLossArray([teacher, student], settings)).toBeCloseTo(expected, 12);
    expect(tensorLoss([teacher, student], settings)).toBeCloseTo(expected, 6);
  });

  it('equals its float64 array form (fast-check, ties included)', () => {
    fc.assert(
      fc.property(gridStreams, options, (streams, settings) => {
        const expected = crossModalDistillationLossArray(streams, settings);
        const actual = tensorLoss(streams, settings);
        expect(Math.abs(actual - expected)).toBeLessThan(1e-4 * Math.max(1, expected));
      }),
      { numRuns: 150 },
    );
  });

  it('sums every ordered pair of distinct streams by default (6 for 3 streams)', () => {
    const streams = randomStreams(createRandom(3), 3, 4, 9, 5);
    const settings = { topK: 4, teacherTemperature: 0.05, studentTemperature: 0.1 };
    const pairs = everyOrderedPair(3);
    expect(pairs).toHaveLength(6);
    const separately = pairs.reduce(
      (sum, pair) => sum + tensorLoss(streams, { ...settings, pairs: [pair] }),
      0,
    );
    expect(tensorLoss(streams, settings)).toBeCloseTo(separately, 5);
  });

  it('is non-negative, and zero when the student distribution equals the teacher’s', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 8 }), (seed, topK) => {
        const random = createRandom(seed);
        const [a, b] = randomStreams(random, 2, 3, 6, 4) as [
          StreamEmbeddings<Matrix>,
          StreamEmbeddings<Matrix>,
        ];
        expect(
          crossModalDistillationLossArray([a, b], { ...CMD_DEFAULT_OPTIONS, topK }),
        ).toBeGreaterThanOrEqual(0);
        expect(tensorLoss([a, b], { ...CMD_DEFAULT_OPTIONS, topK })).toBeGreaterThan(-1e-6);
        // Shared queue and q_b = (τ_s/τ_t)·k_a, q_a = (τ_s/τ_t)·k_b: q_b·Q_j/τ_s = k_a·Q_j/τ_t for every slot.
        const ratio = CMD_DEFAULT_OPTIONS.studentTemperature / CMD_DEFAULT_OPTIONS.teacherTemperature;
        const scaled = (m: Matrix) =>
          matrix(
            m.rows,
            m.columns,
            m.data.map((v) => v * ratio),
          );
        const matchedA = { queries: scaled(b.keys), keys: a.keys, queue: a.queue };
        const matchedB = { queries: scaled(a.keys), keys: b.keys, queue: a.queue };
        expect(
          crossModalDistillationLossArray([matchedA, matchedB], { ...CMD_DEFAULT_OPTIONS, topK }),
        ).toBeCloseTo(0, 12);
        expect(Math.abs(tensorLoss([matchedA, matchedB], { ...CMD_DEFAULT_OPTIONS, topK }))).toBeLessThan(
          1e-5,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('sends gradient to the students’ queries only, equal to finite differences of the array form', () => {
    const streams = randomStreams(createRandom(11), 3, 2, 5, 3);
    // Stream 2 is only a teacher here: its queries must get no gradient either.
    const settings = {
      topK: 3,
      teacherTemperature: 0.05,
      studentTemperature: 0.1,
      pairs: [
        { teacher: 0, student: 1 },
        { teacher: 2, student: 1 },
        { teacher: 2, student: 0 },
      ],
    };
    const tensors = toTensors(streams);
    const inputs = tensors.flatMap(({ queries, keys, queue }) => [queries, keys, queue]);
    const gradients = tf.grads((...xs: tf.Tensor[]) =>
      crossModalDistillationLoss(
        [0, 1, 2].map((s) => ({
          queries: xs[3 * s] as tf.Tensor2D,
          keys: xs[3 * s + 1] as tf.Tensor2D,
          queue: xs[3 * s + 2] as tf.Tensor2D,
        })),
        settings,
      ),
    )(inputs);
    const h = 1e-6;
    streams.forEach((stream, s) => {
      const queryGradient = gradients[3 * s]!.dataSync();
      const numeric = Array.from(stream.queries.data, (_, i) => {
        const shifted = (delta: number) => {
          const data = Float64Array.from(stream.queries.data);
          data[i] += delta;
          const copy = streams.slice();
          copy[s] = { ...stream, queries: matrix(stream.queries.rows, stream.queries.columns, data) };
          return crossModalDistillationLossArray(copy, settings);
        };
        return (shifted(h) - shifted(-h)) / (2 * h);
      });
      numeric.forEach((value, i) => {
        expect(Math.abs(queryGradient[i]! - value)).toBeLessThan(1e-3 * Math.max(1, Math.abs(value)));
      });
      if (s === 2) expect(numeric.every((value) => value === 0)).toBe(true);
      for (const constant of [gradients[3 * s + 1]!, gradients[3 * s + 2]!]) {
        expect(Array.from(constant.dataSync()).every((value) => value === 0)).toBe(true);
      }
    });
    tf.dispose([...gradients, ...inputs]);
  });

  it('clamps topK above the queue size to the whole queue', () => {
    const streams = randomStreams(createRandom(5), 2, 3, 7, 4);
    const whole = { topK: 7, teacherTemperature: 0.05, studentTemperature: 0.1 };
    expect(tensorLoss(streams, { ...whole, topK: 1000 })).toBe(tensorLoss(streams, whole));
    expect(crossModalDistillationLossArray(streams, { ...whole, topK: 1000 })).toBe(
      crossModalDistillationLossArray(streams, whole),
    );
  });

  it('stays finite for identical, zero and very long rows', () => {
    const random = createRandom(9);
    const repeated = (rows: number, row: readonly number[]) =>
      matrix(rows, row.length, Array.from({ length: rows }, () => row).flat());
    const identical = Array.from({ length: 3 }, () => ({
      queries: repeated(4, [0.6, 0.8]),
      keys: repeated(4, [0.6, 0.8]),
      queue: repeated(8, [0, 1]),
    }));
    const zero = Array.from({ length: 2 }, () => ({
      queries: matrix(2, 3),
      keys: matrix(2, 3),
      queue: matrix(5, 3),
    }));
    const long = randomStreams(random, 2, 3, 6, 4).map(({ queries, keys, queue }) => ({
      queries: matrix(
        queries.rows,
        queries.columns,
        queries.data.map((v) => v * 1e4),
      ),
      keys: matrix(
        keys.rows,
        keys.columns,
        keys.data.map((v) => v * 1e4),
      ),
      queue,
    }));
    // All similarities equal: teacher and student are both uniform over the neighbourhood.
    for (const streams of [identical, zero]) {
      expect(tensorLoss(streams, { ...CMD_DEFAULT_OPTIONS, topK: 3 })).toBeCloseTo(0, 6);
      expect(crossModalDistillationLossArray(streams, { ...CMD_DEFAULT_OPTIONS, topK: 3 })).toBeCloseTo(
        0,
        12,
      );
    }
    const longLoss = tensorLoss(long, { ...CMD_DEFAULT_OPTIONS, topK: 4 });
    expect(Number.isFinite(longLoss)).toBe(true);
    expect(longLoss).toBeGreaterThanOrEqual(0);
    const gradient = tf.tidy(() => {
      const [a, b] = toTensors(long);
      const grad = tf.grad((q: tf.Tensor) =>
        crossModalDistillationLoss([{ ...a!, queries: q as tf.Tensor2D }, b!], {
          ...CMD_DEFAULT_OPTIONS,
          topK: 4,
        }),
      );
      return Array.from(grad(a!.queries).dataSync());
    });
    expect(gradient.every(Number.isFinite)).toBe(true);
  });

  it('rejects invalid temperatures, topK, shapes and pairs with a RangeError', () => {
    const streams = randomStreams(createRandom(1), 2, 2, 4, 3);
    const good = { topK: 2, teacherTemperature: 0.05, studentTemperature: 0.1 };
    const invalid: CrossModalDistillationOptions[] = [
      { ...good, teacherTemperature: 0 },
      { ...good, studentTemperature: 0 },
      { ...good, teacherTemperature: -0.1 },
      { ...good, studentTemperature: Number.NaN },
      { ...good, teacherTemperature: Number.POSITIVE_INFINITY },
      { ...good, topK: 0 },
      { ...good, topK: 2.5 },
      { ...good, pairs: [{ teacher: 0, student: 2 }] },
    ];
    for (const settings of invalid) {
      expect(() => crossModalDistillationLossArray(streams, settings)).toThrow(RangeError);
      expect(() => tf.tidy(() => crossModalDistillationLoss(toTensors(streams), settings))).toThrow(
        RangeError,
      );
    }
    const shapes: StreamEmbeddings<Matrix>[][] = [
      [streams[0]!, { ...streams[1]!, queue: randomUnitVectors(5, 3, createRandom(2)) }], // queues not aligned
      [streams[0]!, { ...streams[1]!, keys: randomUnitVectors(3, 3, createRandom(2)) }], // batch mismatch
      [streams[0]!, { ...streams[1]!, queries: matrix(2, 2) }], // dimension mismatch
      streams.map((s) => ({ ...s, queue: matrix(0, 3) })), // empty queue
      streams.map(() => ({ queries: matrix(0, 3), keys: matrix(0, 3), queue: matrix(4, 3) })), // empty batch
      [],
    ];
    for (const bad of shapes) {
      expect(() => crossModalDistillationLossArray(bad, good)).toThrow(RangeError);
      expect(() => tf.tidy(() => crossModalDistillationLoss(toTensors(bad), good))).toThrow(RangeError);
    }
  });

  it('leaves no tensors behind, with or without gradients', () => {
    const tensors = toTensors(randomStreams(createRandom(4), 3, 4, 16, 8));
    const before = tf.memory().numTensors;
    crossModalDistillationLoss(tensors, { ...CMD_DEFAULT_OPTIONS, topK: 5 }).dispose();
    const gradients = tf.grads((...queries: tf.Tensor[]) =>
      crossModalDistillationLoss(
        tensors.map((stream, s) => ({ ...stream, queries: queries[s] as tf.Tensor2D })),
        { ...CMD_DEFAULT_OPTIONS, topK: 5 },
      ),
    )(tensors.map((stream) => stream.queries));
    tf.dispose(gradients);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(tensors.flatMap(({ queries, keys, queue }) => [queries, keys, queue]));
  });
});
