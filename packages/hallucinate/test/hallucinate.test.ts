import {
  drawHallucinations,
  type HallucinationOptions,
  type Hallucinations,
  hallucinate,
  maxInterpolation,
  similarityMatrix,
} from '@halp/hallucinate';
import {
  dot,
  geodesicAngle,
  type Matrix,
  matrix,
  matrixFromRows,
  matrixRow,
  norm,
  normalize,
} from '@halp/hypersphere';
import { createRandom, uniform } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankingMargin, unitMatrix } from './arbitraries.js';

interface Scenario {
  readonly anchors: Matrix;
  readonly prototypes: Matrix;
  readonly options: HallucinationOptions;
  readonly seed: number;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    anchorCount: fc.integer({ min: 1, max: 4 }),
    prototypeCount: fc.integer({ min: 2, max: 6 }),
    dimension: fc.integer({ min: 2, max: 6 }),
  })
  .chain(({ anchorCount, prototypeCount, dimension }) =>
    fc.record({
      anchors: unitMatrix(anchorCount, dimension),
      prototypes: unitMatrix(prototypeCount, dimension),
      options: fc.record({
        numPositives: fc.integer({ min: 1, max: 5 }),
        numClosest: fc.integer({ min: 1, max: 8 }),
        skipClosest: fc.integer({ min: 0, max: prototypeCount - 1 }),
        lambda: fc.double({ min: 0, max: 1, noNaN: true }),
        sampling: fc.constantFrom('reference' as const, 'paper' as const),
        maxInterpolationRule: fc.constant('correct' as const),
      }),
      seed: fc.integer(),
    }),
  );

function run({ anchors, prototypes, options, seed }: Scenario): Hallucinations {
  return hallucinate(anchors, prototypes, options, createRandom(seed));
}

/** Rank of prototype j in decreasing similarity, ties broken by index, counted directly. */
/**
 * The ranks prototype `j` can take in decreasing similarity: prototypes within 1e-12 of it may be
 * ordered either way (the implementation ranks re-normalised copies), so this is an interval.
 */
function possibleRanks(similarities: ArrayLike<number>, j: number): { lowest: number; highest: number } {
  let lowest = 0;
  let highest = 0;
  for (let k = 0; k < similarities.length; k += 1) {
    if (k === j) continue;
    if (similarities[k]! > similarities[j]! + 1e-12) lowest += 1;
    if (similarities[k]! >= similarities[j]! - 1e-12) highest += 1;
  }
  return { lowest, highest };
}

/** Whether prototype `p` is the first maximiser of `point`'s similarities, checked pairwise. */
function isFirstClosest(point: ArrayLike<number>, prototypes: Matrix, p: number): boolean {
  const own = dot(point, matrixRow(prototypes, p));
  for (let j = 0; j < prototypes.rows; j += 1) {
    const other = dot(point, matrixRow(prototypes, j));
    if (j < p ? other >= own : other > own) return false;
  }
  return true;
}

/**
 * Whether two prototypes are within rounding of each other in similarity to `point`: the function
 * works on re-normalised copies of the inputs, so such ties (a positive exactly at t*) can go either way.
 */
function nearTie(point: ArrayLike<number>, prototypes: Matrix): boolean {
  const similarities = Array.from({ length: prototypes.rows }, (_, j) =>
    dot(point, matrixRow(prototypes, j)),
  );
  const best = Math.max(...similarities);
  return similarities.filter((x) => best - x <= 1e-12).length > 1;
}

/** The rows of `m` projected onto the unit sphere, as `hallucinate` projects its inputs. */
function projected(m: Matrix): Matrix {
  return matrixFromRows(Array.from({ length: m.rows }, (_, i) => normalize(matrixRow(m, i))));
}

function expectFinite(result: Hallucinations): void {
  for (const array of [result.positives.data, result.t, result.tMax]) {
    expect(Array.from(array).every(Number.isFinite)).toBe(true);
  }
}

describe('hallucinate', () => {
  it('returns unit positives with 0 ≤ t ≤ t* ≤ 1 and t* of their own (anchor, P*, P_sel)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        const G = s.options.numPositives;
        expect(result.positives.rows).toBe(s.anchors.rows * G);
        for (let i = 0; i < result.positives.rows; i += 1) {
          const b = Math.floor(i / G);
          const anchor = matrixRow(s.anchors, b);
          const closest = matrixRow(s.prototypes, result.anchorClosest[b]!);
          const selected = matrixRow(s.prototypes, result.selected[i]!);
          expect(Math.abs(norm(matrixRow(result.positives, i)) - 1)).toBeLessThanOrEqual(1e-12);
          expect(result.t[i]).toBeGreaterThanOrEqual(0);
          expect(result.t[i]).toBeLessThanOrEqual(result.tMax[i]!);
          expect(result.tMax[i]).toBeLessThanOrEqual(1);
          expect(Math.abs(result.tMax[i]! - maxInterpolation(anchor, closest, selected))).toBeLessThanOrEqual(
            1e-12,
          );
          // Constant speed along the geodesic: the angle travelled is t·Ω.
          const travelled = geodesicAngle(anchor, matrixRow(result.positives, i));
          expect(travelled).toBeCloseTo(result.t[i]! * geodesicAngle(anchor, selected), 6);
          expect(rankingMargin(matrixRow(result.positives, i), closest, selected)).toBeGreaterThanOrEqual(
            -1e-9,
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('finds P* and draws P_sel from the candidate pool (skip the closest, then the next numClosest)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        const similarities = similarityMatrix(s.anchors, s.prototypes);
        for (let b = 0; b < s.anchors.rows; b += 1) {
          const anchor = matrixRow(s.anchors, b);
          // Within rounding of a tie the re-normalised copies may rank the tied prototypes either way.
          if (nearTie(anchor, s.prototypes)) continue;
          expect(isFirstClosest(anchor, s.prototypes, result.anchorClosest[b]!)).toBe(true);
        }
        result.selected.forEach((p, i) => {
          const { lowest, highest } = possibleRanks(
            matrixRow(similarities, Math.floor(i / s.options.numPositives)),
            p,
          );
          // Some rank consistent with the similarities lies in the pool [skip, skip + numClosest).
          expect(highest).toBeGreaterThanOrEqual(s.options.skipClosest);
          expect(lowest).toBeLessThan(s.options.skipClosest + s.options.numClosest);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps exactly the positives whose closest prototype over all prototypes is still P*', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        let kept = 0;
        for (let i = 0; i < result.positives.rows; i += 1) {
          const anchorClosest = result.anchorClosest[Math.floor(i / s.options.numPositives)]!;
          const expected = isFirstClosest(matrixRow(result.positives, i), s.prototypes, anchorClosest);
          if (result.keep[i] === 1) kept += 1;
          if (nearTie(matrixRow(result.positives, i), s.prototypes)) continue;
          expect(result.keep[i] === 1).toBe(expected);
          expect(
            isFirstClosest(matrixRow(result.positives, i), s.prototypes, result.positiveClosest[i]!),
          ).toBe(true);
        }
        expect(result.keptCount).toBe(kept);
      }),
      { numRuns: 100 },
    );
  });

  it('is reproducible: the same seed, or its draws passed explicitly, give the same positives', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = run(s);
        expect(run(s)).toEqual(first);
        // The draws rank the similarities hallucinate itself ranks: those of the projected rows (on
        // raw rows, near-equal prototypes can rank the other way by rounding).
        const draws = drawHallucinations(
          createRandom(s.seed),
          similarityMatrix(projected(s.anchors), projected(s.prototypes)),
          s.options,
        );
        expect(hallucinate(s.anchors, s.prototypes, s.options, draws)).toEqual(first);
      }),
      { numRuns: 30 },
    );
  });

  describe('λ as a hardness control (same underlying draws r, u = λ·r)', () => {
    const monotone = (sampling: 'reference' | 'paper') =>
      fc.property(
        scenario,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, lambdaA, lambdaB) => {
          const [low, high] = lambdaA <= lambdaB ? [lambdaA, lambdaB] : [lambdaB, lambdaA];
          const base = drawHallucinations(createRandom(s.seed), similarityMatrix(s.anchors, s.prototypes), {
            ...s.options,
            lambda: 1,
          });
          const at = (lambda: number) =>
            hallucinate(
              s.anchors,
              s.prototypes,
              { ...s.options, sampling, lambda },
              {
                selected: base.selected,
                u: Array.from(base.u, (r) => lambda * r),
              },
            );
          const [easy, hard] = sampling === 'paper' ? [at(low), at(high)] : [at(high), at(low)];
          for (let i = 0; i < easy.positives.rows; i += 1) {
            const anchor = matrixRow(s.anchors, Math.floor(i / s.options.numPositives));
            const easyAngle = geodesicAngle(anchor, matrixRow(easy.positives, i));
            expect(geodesicAngle(anchor, matrixRow(hard.positives, i))).toBeGreaterThanOrEqual(
              easyAngle - 1e-12,
            );
          }
        },
      );

    it("'paper' sampling (t = u·t*): a larger λ never gives easier positives", () => {
      fc.assert(monotone('paper'), { numRuns: 50 });
    });

    it("'reference' sampling (t = (1 − u)·t*): a larger λ never gives harder positives", () => {
      fc.assert(monotone('reference'), { numRuns: 50 });
    });
  });

  it('λ = 1000 with reference sampling uses t = max(0, t* − 0.01) and needs no uniform draw', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const options = { ...s.options, sampling: 'reference' as const, lambda: 1000 };
        const result = hallucinate(s.anchors, s.prototypes, options, createRandom(s.seed));
        result.t.forEach((t, i) => {
          expect(t).toBe(Math.max(0, result.tMax[i]! - 0.01));
        });
        const replayed = hallucinate(s.anchors, s.prototypes, options, { selected: result.selected });
        expect(replayed.positives).toEqual(result.positives);
      }),
      { numRuns: 30 },
    );
  });
});

describe('hallucinate on degenerate inputs (finite, documented)', () => {
  const random = createRandom('degenerate');
  const randomRows = (count: number, dimension: number) =>
    matrixFromRows(
      Array.from({ length: count }, () => {
        const row = Array.from({ length: dimension }, () => uniform(random, -1, 1));
        const length = norm(row);
        return row.map((x) => x / length);
      }),
    );
  const prototypes = randomRows(5, 4);
  const base = { numPositives: 16, numClosest: 3, skipClosest: 1, lambda: 0.8 };

  const cases: [string, Matrix, Matrix, Partial<HallucinationOptions>][] = [
    [
      'anchors equal to prototypes',
      matrixFromRows([matrixRow(prototypes, 0), matrixRow(prototypes, 3)]),
      prototypes,
      base,
    ],
    [
      'duplicate prototypes',
      randomRows(3, 4),
      matrixFromRows([
        matrixRow(prototypes, 0),
        matrixRow(prototypes, 0),
        matrixRow(prototypes, 1),
        matrixRow(prototypes, 1),
      ]),
      base,
    ],
    [
      'anchors antipodal to prototypes',
      matrixFromRows([matrixRow(prototypes, 2).map((x) => -x)]),
      prototypes,
      base,
    ],
    ['skipClosest = 0 (P* in the pool)', randomRows(3, 4), prototypes, { ...base, skipClosest: 0 }],
    ['a pool larger than the prototypes', randomRows(3, 4), prototypes, { ...base, numClosest: 50 }],
    [
      'a single prototype with skipClosest = 0',
      randomRows(3, 4),
      randomRows(1, 4),
      { ...base, skipClosest: 0 },
    ],
    ['anchors off the sphere', matrix(2, 4, [3, 0, 0, 0, 0, 1e-3, 1e-3, 0]), prototypes, base],
  ];

  it.each(cases)('%s', (_, anchors, protos, options) => {
    for (const sampling of ['reference', 'paper'] as const) {
      const result = hallucinate(anchors, protos, { ...options, sampling }, createRandom(1));
      expectFinite(result);
      for (let i = 0; i < result.positives.rows; i += 1) {
        expect(Math.abs(norm(matrixRow(result.positives, i)) - 1)).toBeLessThanOrEqual(1e-12);
        expect(result.tMax[i]).toBeGreaterThanOrEqual(0);
        expect(result.tMax[i]).toBeLessThanOrEqual(1);
      }
    }
  });

  it('skipClosest = 0: positives slerped towards P* itself use t* = 1 and are kept', () => {
    const anchors = randomRows(3, 4);
    const result = hallucinate(
      anchors,
      prototypes,
      { ...base, skipClosest: 0, numClosest: 1 },
      createRandom(2),
    );
    result.selected.forEach((p, i) => {
      expect(p).toBe(result.anchorClosest[Math.floor(i / base.numPositives)]);
      expect(result.tMax[i]).toBe(1);
      expect(result.keep[i]).toBe(1);
    });
  });

  it('antipodal anchor: t* = 0 towards the antipode, so the positive is the anchor', () => {
    const anchor = matrixRow(prototypes, 2).map((x) => -x);
    const result = hallucinate(matrixFromRows([anchor]), prototypes, base, {
      selected: new Array(base.numPositives).fill(2),
      u: new Array(base.numPositives).fill(0.5),
    });
    for (let i = 0; i < base.numPositives; i += 1) {
      expect(result.tMax[i]).toBe(0);
      Array.from(matrixRow(result.positives, i)).forEach((x, k) => {
        expect(x).toBeCloseTo(anchor[k]!, 15);
      });
    }
  });

  it('rejects settings and draws that cannot be honoured, naming the field', () => {
    const anchors = randomRows(2, 4);
    const draws = { selected: [0, 1], u: [0.1, 0.2] };
    const bad: [Partial<HallucinationOptions>, unknown, RegExp][] = [
      [{ numPositives: 0 }, createRandom(1), /numPositives/],
      [{ lambda: 1.5 }, createRandom(1), /lambda/],
      [{ lambda: 1000, sampling: 'paper' }, createRandom(1), /lambda/],
      [{ skipClosest: 5 }, createRandom(1), /skipClosest/],
      [{ numPositives: 2 }, draws, /draws.selected has 2 entries, expected 4/],
      [{ numPositives: 1 }, { selected: [0, 7], u: [0.1, 0.2] }, /draws.selected\[1\] = 7/],
      [{ numPositives: 1 }, { selected: [0, 1] }, /draws.u is required/],
      [{ numPositives: 1 }, { selected: [0, 1], u: [0.1, Number.NaN] }, /draws.u\[1\]/],
    ];
    for (const [options, source, message] of bad) {
      expect(() => hallucinate(anchors, prototypes, options, source as never)).toThrow(message);
    }
    expect(() => hallucinate(anchors, randomRows(2, 3), {}, createRandom(1))).toThrow(/dimension/);
  });
});
