import { dot, expMap, geodesicAngle, logMap, normalize, slerp } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dimension,
  euclideanNorm,
  gaussianVector,
  interpolation,
  isFiniteVector,
  maxAbsDifference,
  randomUnitPair,
  unitPairAtAngle,
} from './arbitraries.js';

const pairs = fc.oneof(unitPairAtAngle, randomUnitPair);

describe('logMap', () => {
  it('is a tangent vector at the base whose length is the geodesic angle (1000 runs)', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        const tangent = logMap(a, b);
        expect(Math.abs(euclideanNorm(tangent) - geodesicAngle(a, b))).toBeLessThan(1e-14);
        expect(Math.abs(dot(tangent, a))).toBeLessThan(1e-14);
      }),
      { numRuns: 1000 },
    );
  });

  it('is 0 at the base point, π·e⊥ at the antipode and finite for zero vectors', () => {
    const a = normalize([2, -1, 3]);
    expect(euclideanNorm(logMap(a, a))).toBe(0);
    const antipodal = logMap(
      a,
      a.map((v) => -v),
    );
    expect(euclideanNorm(antipodal)).toBeCloseTo(Math.PI, 15);
    expect(dot(antipodal, a)).toBeCloseTo(0, 15);
    expect(
      maxAbsDifference(
        antipodal,
        slerp(
          a,
          a.map((v) => -v),
          0.5,
        ).map((v) => Math.PI * v),
      ),
    ).toBeLessThan(1e-15);
    expect(Array.from(logMap(a, [0, 0, 0]))).toEqual([0, 0, 0]);
    expect(
      maxAbsDifference(logMap([0, 0, 0], [0, 3, 4]), [0, 0.6 * (Math.PI / 2), 0.8 * (Math.PI / 2)]),
    ).toBeLessThan(1e-15);
  });
});

describe('expMap', () => {
  it('inverts logMap: expMap(a, logMap(a, b)) = b (1000 runs, dims 2..256, Ω near 0 and π included)', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        expect(maxAbsDifference(expMap(a, logMap(a, b)), b)).toBeLessThan(1e-14);
      }),
      { numRuns: 1000 },
    );
  });

  it('follows the slerp geodesic: expMap(a, t·logMap(a, b)) = slerp(a, b, t)', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        const tangent = logMap(a, b).map((v) => t * v);
        expect(maxAbsDifference(expMap(a, tangent), slerp(a, b, t))).toBeLessThan(1e-14);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a unit vector for any tangent, ignoring the component along the base', () => {
    fc.assert(
      fc.property(
        dimension,
        fc.integer(),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (dim, seed, along) => {
          const random = createRandom(seed);
          const base = normalize(gaussianVector(random, dim));
          const tangent = gaussianVector(random, dim).map((v) => v * 2);
          const projected = tangent.map((v, i) => v - dot(tangent, base) * base[i]!);
          const shifted = projected.map((v, i) => v + along * base[i]!);
          const result = expMap(base, shifted);
          expect(euclideanNorm(result)).toBeCloseTo(1, 14);
          expect(maxAbsDifference(result, expMap(base, projected))).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('maps a zero tangent to the base and stays finite for a zero base', () => {
    expect(maxAbsDifference(expMap([3, 4], [0, 0]), [0.6, 0.8])).toBeLessThan(1e-16);
    expect(isFiniteVector(expMap([0, 0], [1, 1]))).toBe(true);
    expect(Array.from(expMap([0, 0], [0, 0]))).toEqual([0, 0]);
  });
});
