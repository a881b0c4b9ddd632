import { geodesicAngle, normalize } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomUnitPair, unitPairAtAngle } from './arbitraries.js';

describe('geodesicAngle', () => {
  it('recovers the angle a pair was built at, also near 0 and π (1000 runs, dims 2..256)', () => {
    fc.assert(
      fc.property(unitPairAtAngle, ({ a, b, omega }) => {
        const computed = geodesicAngle(a, b);
        expect(computed).toBeGreaterThanOrEqual(0);
        expect(computed).toBeLessThanOrEqual(Math.PI);
        // Building b rounds each component (~1e-16), which bounds what any formula can recover.
        expect(Math.abs(computed - omega)).toBeLessThan(1e-14);
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric, scale invariant and agrees with acos(â·b̂) where acos is well conditioned', () => {
    fc.assert(
      fc.property(randomUnitPair, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ a, b }, scale) => {
        const omega = geodesicAngle(a, b);
        expect(geodesicAngle(b, a)).toBe(omega);
        expect(
          geodesicAngle(
            a.map((v) => v * scale),
            b,
          ),
        ).toBeCloseTo(omega, 13);
        const cosine = a.reduce((sum, value, i) => sum + value * b[i]!, 0);
        if (Math.abs(cosine) < 0.9) expect(omega).toBeCloseTo(Math.acos(cosine), 13);
      }),
      { numRuns: 1000 },
    );
  });

  it('is exactly 0 for equal and π for antipodal directions, even where |â·b̂| rounds past 1', () => {
    // normalize([1, 1, 1]) has a dot product with itself of 1.0000000000000002 in doubles.
    const a = normalize([1, 1, 1]);
    expect(a.reduce((sum, value) => sum + value * value, 0)).toBeGreaterThan(1);
    expect(geodesicAngle(a, a)).toBe(0);
    expect(
      geodesicAngle(
        a,
        a.map((v) => -v),
      ),
    ).toBe(Math.PI);
    expect(geodesicAngle([1, 0], [5, 0])).toBe(0);
  });

  it('resolves tiny angles that acos(dot) would flush to 0', () => {
    const delta = 1e-10;
    const a = [1, 0];
    const b = [Math.cos(delta), Math.sin(delta)];
    expect(Math.acos(a[0]! * b[0]!)).toBe(0);
    expect(geodesicAngle(a, b) / delta).toBeCloseTo(1, 12);
    // Near π the angle itself is a double close to π, so its absolute precision is ulp(π) ≈ 4e-16.
    expect(Math.abs(Math.PI - geodesicAngle(a, [-b[0]!, b[1]!]) - delta)).toBeLessThan(1e-15);
  });

  it('puts the origin at π/2 from every direction and at 0 from itself', () => {
    expect(geodesicAngle([0, 0, 0], [1, 2, 3])).toBeCloseTo(Math.PI / 2, 15);
    expect(geodesicAngle([1, 2, 3], [0, 0, 0])).toBeCloseTo(Math.PI / 2, 15);
    expect(geodesicAngle([0, 0], [0, 0])).toBe(0);
  });
});
