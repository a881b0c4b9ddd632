import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import {
  ANTIPODAL_ANGLE_TOLERANCE,
  drawHallucinations,
  type HallucinationOptions,
  type Hallucinations,
  hallucinate,
  halpLoss,
  similarityMatrix,
} from '@halp/hallucinate';
import {
  type HallucinationTensors,
  hallucinateTensor,
  hallucinateTensorAsync,
  halpLossTensor,
} from '@halp/hallucinate/tensor';
import {
  dot,
  geodesicAngle,
  type Matrix,
  matrix,
  matrixFromRows,
  matrixRow,
  randomUnitVectors,
} from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossBatch, unitMatrix } from './arbitraries.js';
import { fixtureAvailable, loadReferenceCases } from './reference-fixture.js';

/** float32 agreement for unit-scale quantities. */
const FLOAT32_TOLERANCE = 2e-4;

/** float32's machine epsilon (the spacing of floats at 1). */
const FLOAT32_EPSILON = 2 ** -23;

/**
 * How far float32 may be from float64 on a positive slerped from anchor z towards P_sel, and on its
 * t and t*, when the pair is near-antipodal: Ω = π − φ with φ small but beyond the antipodal
 * cut-off (where both forms take the same, well-conditioned branch).
 *
 * float32 holds the pair only to an absolute error of about √D·ε per row (rounding of the inputs
 * and of their normalisation), so it knows φ = 2·atan2(|z + P̂|, |z − P̂|) only to δφ ≲ 4√D·ε: the
 * chord |z + P̂| ≈ φ is a difference of nearly opposite rows. Every quantity then divides by
 * something of size φ: the slerp weights sin((1−t)Ω)/sin Ω and sin(tΩ)/sin Ω (each up to 1/sin φ,
 * so their sum a·z + b·P̂ also carries (|a| + |b|)·D·ε of rounding), and θ* = atan2(a·sin Ω,
 * h + a·cos Ω), whose arguments are both O(φ) when P* is orthogonal to the pair. Hence
 *
 *   |Δt|, |Δt*| ≲ (4√D + 2D)·ε / sin φ,     |Δz_H| ≲ |Δt|·Ω + (4√D + 2D)·ε / sin φ ≤ (1 + π)·(4√D + 2D)·ε / sin φ,
 *
 * on top of {@link FLOAT32_TOLERANCE} (which covers well-conditioned pairs: sin φ of order 1 adds
 * ~1e-6). A fixed bound fails for every φ below ~1e-2, which random unit rows with components
 * like ±1 and 1e-4 reach (FAST_CHECK_SEED=-406486788: φ = 1.2e-4, float32 off by 2.0004e-4).
 */
function nearAntipodalError(anchor: ArrayLike<number>, prototype: ArrayLike<number>): number {
  const phi = Math.PI - geodesicAngle(anchor, prototype);
  if (phi <= ANTIPODAL_ANGLE_TOLERANCE) return 0;
  const dimension = anchor.length;
  return ((4 * Math.sqrt(dimension) + 2 * dimension) * FLOAT32_EPSILON) / Math.sin(phi);
}

/** Whether a pair is within float32's reach of the antipodal cut-off, where t* jumps to 0. */
function nearAntipodalCutOff(anchor: ArrayLike<number>, prototype: ArrayLike<number>): boolean {
  return Math.abs(Math.PI - geodesicAngle(anchor, prototype) - ANTIPODAL_ANGLE_TOLERANCE) < 1e-5;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toTensor = (m: Matrix) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.columns]);

/** Copies the tensor result to plain arrays and disposes it. */
function read(result: HallucinationTensors) {
  const values = {
    positives: result.positives.dataSync().slice(),
    t: result.t.dataSync().slice(),
    tMax: result.tMax.dataSync().slice(),
    selected: result.selected.dataSync().slice(),
    anchorClosest: result.anchorClosest.dataSync().slice(),
    keep: result.keep.dataSync().slice(),
    keptCount: result.keptCount.dataSync()[0]!,
  };
  tf.dispose(result);
  return values;
}

/** Similarities of `point` to every prototype, in decreasing order. */
function sortedSimilarities(point: ArrayLike<number>, prototypes: Matrix): number[] {
  return Array.from({ length: prototypes.rows }, (_, j) => dot(point, matrixRow(prototypes, j))).sort(
    (x, y) => y - x,
  );
}

/** Whether a point's best and second-best prototype similarities are too close for float32 to order. */
function ambiguous(point: ArrayLike<number>, prototypes: Matrix): boolean {
  const sorted = sortedSimilarities(point, prototypes);
  return sorted.length > 1 && sorted[0]! - sorted[1]! < 1e-3;
}

/** Whether any two of a point's prototype similarities are too close for float32 to rank. */
function ambiguousRanking(point: ArrayLike<number>, prototypes: Matrix): boolean {
  const sorted = sortedSimilarities(point, prototypes);
  return sorted.some((x, i) => i > 0 && sorted[i - 1]! - x < 1e-3);
}

const rows = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => matrixRow(m, i));

function expectTensorMatchesArray(
  tensor: ReturnType<typeof read>,
  array: Hallucinations,
  prototypes: Matrix,
  anchors: Matrix,
): void {
  expect(Array.from(tensor.anchorClosest)).toEqual(Array.from(array.anchorClosest));
  expect(Array.from(tensor.selected)).toEqual(Array.from(array.selected));
  const perAnchor = array.positives.rows / anchors.rows;
  const conditioning = Array.from(array.selected, (j, i) =>
    nearAntipodalError(matrixRow(anchors, Math.floor(i / perAnchor)), matrixRow(prototypes, j)),
  );
  const excess = (a: ArrayLike<number>, b: ArrayLike<number>, bound: (i: number) => number) =>
    Array.from(a).reduce((largest, x, i) => Math.max(largest, Math.abs(x - b[i]!) - bound(i)), 0);
  const scalarBound = (i: number) => FLOAT32_TOLERANCE + conditioning[i]!;
  const positiveBound = (i: number) =>
    FLOAT32_TOLERANCE + (1 + Math.PI) * conditioning[Math.floor(i / array.positives.columns)]!;
  expect(excess(tensor.tMax, array.tMax, scalarBound)).toBeLessThanOrEqual(0);
  expect(excess(tensor.t, array.t, scalarBound)).toBeLessThanOrEqual(0);
  expect(excess(tensor.positives, array.positives.data, positiveBound)).toBeLessThanOrEqual(0);
  // A positive's closest prototype is only comparable where float32 cannot reorder it.
  const unambiguous = Array.from(array.keep, (_, i) => i).filter((i) => {
    const sorted = sortedSimilarities(matrixRow(array.positives, i), prototypes);
    return (
      sorted.length < 2 || sorted[0]! - sorted[1]! >= 1e-3 + 2 * positiveBound(i * array.positives.columns)
    );
  });
  expect(unambiguous.map((i) => tensor.keep[i])).toEqual(unambiguous.map((i) => array.keep[i]));
}

const scenario = fc
  .record({
    anchorCount: fc.integer({ min: 1, max: 4 }),
    prototypeCount: fc.integer({ min: 2, max: 6 }),
    dimension: fc.integer({ min: 3, max: 8 }),
  })
  .chain(({ anchorCount, prototypeCount, dimension }) =>
    fc.record({
      anchors: unitMatrix(anchorCount, dimension),
      prototypes: unitMatrix(prototypeCount, dimension),
      options: fc.record({
        numPositives: fc.integer({ min: 1, max: 4 }),
        numClosest: fc.integer({ min: 1, max: 6 }),
        skipClosest: fc.integer({ min: 0, max: prototypeCount - 1 }),
        lambda: fc.double({ min: 0, max: 1, noNaN: true }),
        sampling: fc.constantFrom('reference' as const, 'paper' as const),
        // 'reference-atan' is compared on the fixture cases: on random ones its atan(sin Ω/(κ + cos Ω))
        // flips sign wherever κ + cos Ω crosses 0 within float32 rounding.
        maxInterpolationRule: fc.constant('correct' as const),
      }),
      seed: fc.integer(),
    }),
  )
  // float32 cannot resolve P* (nor t*) where the anchor is within ~1e-3 of a tie between two
  // prototypes, nor tell nearly coincident prototypes apart, nor which side of the antipodal cut-off
  // a pair within its rounding lies.
  .filter(
    ({ anchors, prototypes }) =>
      rows(anchors).every((a) => !ambiguous(a, prototypes)) &&
      rows(prototypes).every((p) => !ambiguous(p, prototypes)) &&
      rows(anchors).every((a) => rows(prototypes).every((p) => !nearAntipodalCutOff(a, p))),
  );

describe('hallucinateTensor equals hallucinate', () => {
  it('on random cases with the same explicit draws (arrays or tensors)', () => {
    fc.assert(
      fc.property(scenario, ({ anchors, prototypes, options, seed }) => {
        const draws = drawHallucinations(createRandom(seed), similarityMatrix(anchors, prototypes), options);
        const array = hallucinate(anchors, prototypes, options, draws);
        const [anchorTensor, prototypeTensor] = [toTensor(anchors), toTensor(prototypes)];
        expectTensorMatchesArray(
          read(hallucinateTensor(anchorTensor, prototypeTensor, options, draws)),
          array,
          prototypes,
          anchors,
        );
        const drawTensors = {
          selected: tf.tensor1d(Int32Array.from(draws.selected), 'int32'),
          u: tf.tensor1d(Float32Array.from(draws.u), 'float32'),
        };
        expectTensorMatchesArray(
          read(hallucinateTensor(anchorTensor, prototypeTensor, options, drawTensors)),
          array,
          prototypes,
          anchors,
        );
        tf.dispose([anchorTensor, prototypeTensor, drawTensors.selected, drawTensors.u]);
      }),
      { numRuns: 40 },
    );
  });

  it('draws the same prototypes and u from the same Random (where float32 ranks the prototypes alike)', () => {
    fc.assert(
      fc.property(scenario, ({ anchors, prototypes, options, seed }) => {
        fc.pre(rows(anchors).every((a) => !ambiguousRanking(a, prototypes)));
        const array = hallucinate(anchors, prototypes, options, createRandom(seed));
        const [anchorTensor, prototypeTensor] = [toTensor(anchors), toTensor(prototypes)];
        const tensor = read(hallucinateTensor(anchorTensor, prototypeTensor, options, createRandom(seed)));
        tf.dispose([anchorTensor, prototypeTensor]);
        expectTensorMatchesArray(tensor, array, prototypes, anchors);
      }),
      { numRuns: 20 },
    );
  });

  it('hallucinateTensorAsync equals hallucinateTensor exactly, leaving no tensor behind', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ anchors, prototypes, options, seed }) => {
        const [anchorTensor, prototypeTensor] = [toTensor(anchors), toTensor(prototypes)];
        const synchronous = read(
          hallucinateTensor(anchorTensor, prototypeTensor, options, createRandom(seed)),
        );
        const before = tf.memory().numTensors;
        const asynchronous = read(
          await hallucinateTensorAsync(anchorTensor, prototypeTensor, options, createRandom(seed)),
        );
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([anchorTensor, prototypeTensor]);
        expect(asynchronous).toEqual(synchronous);
      }),
      { numRuns: 20 },
    );
  });

  it("at the trainer's sizes (B 64, P 20, G 100, D 128), leaving no tensor behind", () => {
    const random = createRandom('trainer-size');
    const [anchors, prototypes] = [randomUnitVectors(64, 128, random), randomUnitVectors(20, 128, random)];
    const options = {
      numPositives: 100,
      numClosest: 20,
      skipClosest: 1,
      lambda: 0.8,
      sampling: 'reference' as const,
    };
    const draws = drawHallucinations(random, similarityMatrix(anchors, prototypes), options);
    const [anchorTensor, prototypeTensor] = [toTensor(anchors), toTensor(prototypes)];
    const before = tf.memory().numTensors;
    const tensor = read(hallucinateTensor(anchorTensor, prototypeTensor, options, draws));
    expect(tf.memory().numTensors).toBe(before);
    expectTensorMatchesArray(tensor, hallucinate(anchors, prototypes, options, draws), prototypes, anchors);
    tf.dispose([anchorTensor, prototypeTensor]);
  });

  describe.skipIf(!fixtureAvailable)('on the reference fixture cases', () => {
    const cases = fixtureAvailable ? loadReferenceCases() : [];
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const options: Partial<HallucinationOptions> = {
        numPositives: c.args.num_positives,
        numClosest: c.args.num_closest_to_ignore_positives,
        skipClosest: c.args.skip_closest_positives,
        lambda: c.args.lambda_pos,
      };
      const draws = { selected: c.selected, u: c.u };
      const [anchorTensor, prototypeTensor] = [toTensor(c.anchors), toTensor(c.prototypes)];
      for (const maxInterpolationRule of ['correct', 'reference-atan'] as const) {
        const array = hallucinate(c.anchors, c.prototypes, { ...options, maxInterpolationRule }, draws);
        const tensor = hallucinateTensor(
          anchorTensor,
          prototypeTensor,
          { ...options, maxInterpolationRule },
          draws,
        );
        expectTensorMatchesArray(read(tensor), array, c.prototypes, c.anchors);
      }
      tf.dispose([anchorTensor, prototypeTensor]);
    });
  });
});

describe('halpLossTensor', () => {
  const batch = lossBatch(0.05);

  const asTensors = (queries: Matrix, positives: Matrix, keep: number[]) => {
    const perQuery = positives.rows / queries.rows;
    return {
      q: toTensor(queries),
      p: tf.tensor3d(Float32Array.from(positives.data), [queries.rows, perQuery, positives.columns]),
      k: tf.tensor2d(keep, [queries.rows, perQuery], 'bool'),
    };
  };

  it('equals halpLoss, and its gradient flows through the queries only: −Σ keep·z_H / (τ·count)', () => {
    fc.assert(
      fc.property(batch, ({ queries, positives, keep, temperature }) => {
        const { q, p, k } = asTensors(queries, positives, keep);
        const before = tf.memory().numTensors;
        const loss = halpLossTensor(q, p, k, temperature);
        expect(tf.memory().numTensors).toBe(before + 1);
        expect(loss.dataSync()[0]).toBeCloseTo(halpLoss(queries, positives, keep, temperature), 3);
        const [queryGradient, positiveGradient] = tf.grads((qq: tf.Tensor, pp: tf.Tensor) =>
          halpLossTensor(qq as tf.Tensor2D, pp as tf.Tensor3D, k, temperature),
        )([q, p]);
        const count = keep.reduce((sum, x) => sum + x, 0);
        const perQuery = positives.rows / queries.rows;
        const expected = matrix(queries.rows, queries.columns);
        keep.forEach((kept, i) => {
          if (!kept) return;
          const b = Math.floor(i / perQuery);
          matrixRow(positives, i).forEach((x, d) => {
            expected.data[b * queries.columns + d] -= x / (temperature * count);
          });
        });
        Array.from(queryGradient!.dataSync()).forEach((g, i) => {
          expect(g).toBeCloseTo(expected.data[i]!, 4);
        });
        expect(Array.from(positiveGradient!.dataSync()).every((g) => g === 0)).toBe(true);
        tf.dispose([q, p, k, loss, queryGradient!, positiveGradient!]);
      }),
      { numRuns: 30 },
    );
  });

  it('is 0 with a zero, finite gradient when nothing is kept', () => {
    const { q, p, k } = asTensors(
      matrixFromRows([[1, 0]]),
      matrixFromRows([
        [0, 1],
        [1, 0],
      ]),
      [0, 0],
    );
    const { value, grad } = tf.valueAndGrad((qq: tf.Tensor) => halpLossTensor(qq as tf.Tensor2D, p, k, 0.07))(
      q,
    );
    // −0 (from negating an empty sum) is 0: the point is that it is not NaN.
    expect(value.dataSync()[0] === 0).toBe(true);
    expect(Array.from(grad.dataSync())).toEqual([0, 0]);
    tf.dispose([q, p, k, value, grad]);
  });
});

describe('hallucinateTensor on degenerate inputs', () => {
  const prototypes = matrixFromRows([
    [1, 0, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, -1, 0],
  ]);
  const anchors = matrixFromRows([
    [1, 0, 0, 0], // equal to a (duplicated) prototype
    [0, 0, 1, 0], // antipodal to prototype 3
    [0.6, 0.8, 0, 0], // between two prototypes
    [0, 0, 0, 0], // no direction
  ]);
  const options: Partial<HallucinationOptions>[] = [
    { numPositives: 8, numClosest: 10, skipClosest: 0 },
    { numPositives: 8, numClosest: 2, skipClosest: 1, maxInterpolationRule: 'reference-atan' },
    { numPositives: 8, numClosest: 3, skipClosest: 2, sampling: 'paper', lambda: 1 },
    { numPositives: 8, numClosest: 3, skipClosest: 1, lambda: 1000 },
  ];

  it.each(options.map((o) => [JSON.stringify(o), o] as const))(
    '%s: finite values and gradients, no leaked tensors',
    (_, o) => {
      const keys = toTensor(anchors);
      const protos = toTensor(prototypes);
      const queries = tf.tensor2d([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0.5, 0.5, 0.5, 0.5], [4, 4]);
      const before = tf.memory().numTensors;
      const result = hallucinateTensor(keys, protos, o, createRandom(3));
      const values = read(result);
      for (const array of [values.positives, values.t, values.tMax])
        expect(Array.from(array).every(Number.isFinite)).toBe(true);
      // The trainer's use: keys are constants of the step (MoCo's key encoder is not trained by
      // gradients), hallucination runs inside the differentiated function, the gradient reaches the queries.
      const queryGradient = tf.grad((q: tf.Tensor) => {
        const hallucinated = hallucinateTensor(keys, protos, o, createRandom(3));
        return halpLossTensor(q as tf.Tensor2D, hallucinated.positives, hallucinated.keep, 0.07);
      })(queries);
      expect(Array.from(queryGradient.dataSync()).every(Number.isFinite)).toBe(true);
      expect(Array.from(queryGradient.dataSync()).some((g) => g !== 0)).toBe(true);
      queryGradient.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([keys, protos, queries]);
    },
  );
});

describe('hallucinateTensor equals hallucinate on degenerate pairs', () => {
  // Every kind of (anchor, P_sel) pair that `slerpWeights` treats apart: P̂ = ẑ, P̂ = −ẑ, a zero
  // prototype, a zero anchor, and generic pairs; explicit draws select every prototype for every anchor.
  const prototypes = matrixFromRows([
    [1, 0, 0, 0],
    [0, 0, -1, 0],
    [0, 0, 0, 0],
    [0, 0.6, 0, 0.8],
  ]);
  const anchors = matrixFromRows([
    [1, 0, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 0],
    [0.36, 0.48, 0.8, 0],
  ]);
  const selected = Array.from({ length: 16 }, (_, i) => i % 4);
  const u = Array.from({ length: 16 }, (_, i) => (i + 1) / 17);

  // The 'reference-atan' rule is left out: its ε-regularised t* differs between float32 and float64 on
  // exactly these pairs (a = 0, h = 0), which says nothing about the slerp.
  it.each(['reference', 'paper'] as const)('with %s sampling', (sampling) => {
    const options = { numPositives: 4, numClosest: 4, skipClosest: 0, lambda: 1, sampling };
    const array = hallucinate(anchors, prototypes, options, { selected, u });
    const [anchorTensor, prototypeTensor] = [toTensor(anchors), toTensor(prototypes)];
    const tensor = read(hallucinateTensor(anchorTensor, prototypeTensor, options, { selected, u }));
    tf.dispose([anchorTensor, prototypeTensor]);
    expectTensorMatchesArray(tensor, array, prototypes, anchors);
  });
});
