import { dot, geodesicAngle, geodesicStep, normalize, slerp } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  euclideanNorm,
  interpolation,
  isFiniteVector,
  maxAbsDifference,
  randomUnitPair,
  unitPairAtAngle,
} from './arbitraries.js';

/**
 * How far a geodesic between nearly antipodal points may move under rounding of its endpoints: the
 * tangent direction is determined by a vector of length sin Ω known to ~1e-16, so its error is
 * ~1e-16/sin Ω (the problem itself is that ill-conditioned; exact antipodes are tested separately).
 */
function conditionedTolerance(omega: number): number {
  return 1e-12 + 1e-15 / Math.max(Math.sin(omega), 1e-300);
}

const pairs = fc.oneof(unitPairAtAngle, randomUnitPair);

describe('slerp properties (1000 runs each, dims 2..256, including Ω near 0 and π)', () => {
  it('has unit norm for every t ∈ [0, 1]', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        expect(Math.abs(euclideanNorm(slerp(a, b, t)) - 1)).toBeLessThan(1e-14);
      }),
      { numRuns: 1000 },
    );
  });

  it('starts at a and ends at b', () => {
    fc.assert(
      fc.property(pairs, ({ a, b }) => {
        expect(maxAbsDifference(slerp(a, b, 0), a)).toBeLessThan(1e-15);
        expect(maxAbsDifference(slerp(a, b, 1), b)).toBeLessThan(1e-14);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves at constant speed: angle(a, slerp(a, b, t)) = t·Ω and angle(slerp, b) = (1−t)·Ω', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        const omega = geodesicAngle(a, b);
        const point = slerp(a, b, t);
        expect(Math.abs(geodesicAngle(a, point) - t * omega)).toBeLessThan(1e-13);
        expect(Math.abs(geodesicAngle(point, b) - (1 - t) * omega)).toBeLessThan(conditionedTolerance(omega));
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric: slerp(a, b, t) = slerp(b, a, 1 − t)', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        const omega = geodesicAngle(a, b);
        const difference = maxAbsDifference(slerp(a, b, t), slerp(b, a, 1 - t));
        expect(difference).toBeLessThan(conditionedTolerance(omega));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the textbook formula sin((1−t)Ω)/sin Ω·a + sin(tΩ)/sin Ω·b where sin Ω is not small', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        const omega = geodesicAngle(a, b);
        fc.pre(Math.sin(omega) > 0.1);
        const textbook = a.map(
          (value, i) =>
            (Math.sin((1 - t) * omega) / Math.sin(omega)) * value +
            (Math.sin(t * omega) / Math.sin(omega)) * b[i]!,
        );
        expect(maxAbsDifference(slerp(a, b, t), textbook)).toBeLessThan(1e-13);
      }),
      { numRuns: 300 },
    );
  });

  it('projects non-unit inputs onto the sphere first', () => {
    fc.assert(
      fc.property(
        randomUnitPair,
        interpolation,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        ({ a, b }, t, scale) => {
          const scaled = slerp(
            a.map((v) => v * scale),
            b.map((v) => v / scale),
            t,
          );
          expect(maxAbsDifference(scaled, slerp(a, b, t))).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('slerp degenerate cases', () => {
  it('returns a for a = b and for nearly equal a, b stays finite, unit and between them', () => {
    const a = normalize([1, 2, 3, 4]);
    for (const t of [0, 0.3, 1]) expect(maxAbsDifference(slerp(a, a, t), a)).toBeLessThan(1e-15);
    const nearly = normalize([1, 2, 3, 4 + 1e-9]);
    const omega = geodesicAngle(a, nearly);
    expect(omega).toBeGreaterThan(0);
    const middle = slerp(a, nearly, 0.5);
    expect(euclideanNorm(middle)).toBeCloseTo(1, 15);
    // Components carry ~1e-16 rounding, so angles between them are known to ~1e-16 in absolute terms.
    expect(Math.abs(geodesicAngle(a, middle) - omega / 2)).toBeLessThan(1e-15);
    expect(Math.abs(geodesicAngle(middle, nearly) - omega / 2)).toBeLessThan(1e-15);
  });

  it('goes through a fixed orthogonal direction for antipodal inputs, symmetrically', () => {
    for (const a of [normalize([1, 2, 3]), normalize([0.3, -0.1, 0.9, 0.2]), [1, 0], [0, -1]]) {
      const b = Array.from(a, (v) => -v);
      const middle = slerp(a, b, 0.5);
      expect(euclideanNorm(middle)).toBeCloseTo(1, 15);
      expect(dot(middle, a)).toBeCloseTo(0, 15);
      for (const t of [0, 0.25, 0.5, 0.9, 1]) {
        const point = slerp(a, b, t);
        expect(isFiniteVector(point)).toBe(true);
        expect(geodesicAngle(a, point)).toBeCloseTo(t * Math.PI, 14);
        expect(maxAbsDifference(point, slerp(b, a, 1 - t))).toBeLessThan(1e-15);
      }
      expect(maxAbsDifference(slerp(a, b, 1), b)).toBeLessThan(1e-15);
    }
    // The documented choice: e⊥(a) = normalize(e_k − a_k·a), k = argmin |a_i|.
    expect(Array.from(slerp([0.6, 0.8], [-0.6, -0.8], 0.5)).map((v) => v.toFixed(12))).toEqual(
      [0.8, -0.6].map((v) => v.toFixed(12)),
    );
  });

  it('treats zero vectors as the origin: finite, endpoints kept', () => {
    const b = [0, 3, 4];
    expect(Array.from(slerp([0, 0, 0], b, 0))).toEqual([0, 0, 0]);
    expect(maxAbsDifference(slerp([0, 0, 0], b, 1), [0, 0.6, 0.8])).toBeLessThan(1e-15);
    expect(maxAbsDifference(slerp(b, [0, 0, 0], 1), [0, 0, 0])).toBeLessThan(1e-15);
    expect(Array.from(slerp([0, 0], [0, 0], 0.5))).toEqual([0, 0]);
    for (const t of [0.2, 0.7]) {
      expect(isFiniteVector(slerp([0, 0, 0], b, t))).toBe(true);
      expect(isFiniteVector(slerp(b, [0, 0, 0], t))).toBe(true);
    }
  });

  it('rejects a non-finite t and mismatched dimensions', () => {
    expect(() => slerp([1, 0], [0, 1], Number.NaN)).toThrow(RangeError);
    expect(() => slerp([1, 0], [0, 1, 0], 0.5)).toThrow(RangeError);
    expect(() => geodesicStep([1, 0], [0, 1], Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('geodesicStep (the paper’s d(t, P, z) = slerp(z, P, t) − z)', () => {
  it('equals slerp(z, p, t) − ẑ (1000 runs)', () => {
    fc.assert(
      fc.property(pairs, interpolation, ({ a, b }, t) => {
        const step = geodesicStep(a, b, t);
        const expected = slerp(a, b, t).map((value, i) => value - a[i]!);
        expect(maxAbsDifference(step, expected)).toBeLessThan(1e-15);
      }),
      { numRuns: 1000 },
    );
  });

  it('has the chord length 2·sin(tΩ/2) to full relative precision, even for tiny t·Ω', () => {
    fc.assert(
      fc.property(pairs, fc.double({ min: -12, max: 0, noNaN: true }), ({ a, b }, exponent) => {
        const t = 10 ** exponent;
        const omega = geodesicAngle(a, b);
        fc.pre(omega > 1e-6);
        const chord = 2 * Math.sin((t * omega) / 2);
        expect(Math.abs(euclideanNorm(geodesicStep(a, b, t)) / chord - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('is zero for z = p and finite for antipodal and zero inputs', () => {
    expect(Array.from(geodesicStep([0.6, 0.8], [0.6, 0.8], 0.7))).toEqual([0, 0]);
    expect(isFiniteVector(geodesicStep([0.6, 0.8], [-0.6, -0.8], 0.5))).toBe(true);
    expect(isFiniteVector(geodesicStep([0, 0], [0.6, 0.8], 0.5))).toBe(true);
  });
});
