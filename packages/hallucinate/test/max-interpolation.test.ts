import {
  ANTIPODAL_ANGLE_TOLERANCE,
  correctMaxInterpolation,
  interpolationGeometry,
  maxInterpolation,
} from '@halp/hallucinate';
import { dot, geodesicAngle, normalize, slerp } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorTriple, rankingMargin, unitVector } from './arbitraries.js';

const TOLERANCE = 1e-9;
/** The additive guard ε of the reference's t* (1e-8 in its code). */
const REFERENCE_EPSILON = 1e-8;

/**
 * Triples away from the degenerate cases (tested separately below): a well-defined geodesic (not
 * antipodal), and points that float64 can tell apart (at angles ~1e-160 the margin rounds to 0).
 */
const regularTriple = anchorTriple.filter(({ anchor, closest, selected }) => {
  const angle = geodesicAngle(anchor, selected);
  return (
    angle > 1e-6 && angle < Math.PI - ANTIPODAL_ANGLE_TOLERANCE && geodesicAngle(closest, selected) > 1e-6
  );
});

/**
 * How far the reference's ε guards can move t* = θ/Ω, θ = atan2(sin Ω, D), D = κ + cos Ω: its
 * D' = h/(a + ε) + cos Ω + ε differs from D by |D − D'|, which moves θ by at most |D − D'| times
 * the largest |∂θ/∂D| = sin Ω/(sin²Ω + x²) over x between D and D' (mean value theorem), and its
 * divisor Ω + ε shrinks t by θ'·ε/(Ω(Ω + ε)). The bound is exact to first order, so it holds for
 * every triple (1e-12 covers float64 rounding), and a wrong closed form exceeds it.
 */
function referenceGuardShift(margin: number, prototypeGap: number, angle: number, reference: number): number {
  const sine = Math.sin(angle);
  const denominator = prototypeGap / margin + Math.cos(angle);
  const referenceDenominator =
    prototypeGap / (margin + REFERENCE_EPSILON) + Math.cos(angle) + REFERENCE_EPSILON;
  const nearestToZero =
    denominator > 0 === referenceDenominator > 0
      ? Math.min(Math.abs(denominator), Math.abs(referenceDenominator))
      : 0;
  const angleShift =
    (Math.abs(denominator - referenceDenominator) * sine) / (sine * sine + nearestToZero * nearestToZero);
  const referenceAngle = reference * (angle + REFERENCE_EPSILON);
  return (
    angleShift / angle + (referenceAngle * REFERENCE_EPSILON) / (angle * (angle + REFERENCE_EPSILON)) + 1e-12
  );
}

describe('maxInterpolation (correct rule)', () => {
  it('lies in [0, 1] for every triple, also when P* is not the closest', () => {
    fc.assert(
      fc.property(anchorTriple, fc.boolean(), ({ anchor, closest, selected }, swap) => {
        const tMax = swap
          ? maxInterpolation(anchor, selected, closest)
          : maxInterpolation(anchor, closest, selected);
        expect(tMax).toBeGreaterThanOrEqual(0);
        expect(tMax).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps sim(z(t), P*) ≥ sim(z(t), P_sel) for every t ≤ t*', () => {
    fc.assert(
      fc.property(
        anchorTriple,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ anchor, closest, selected }, s) => {
          const tMax = maxInterpolation(anchor, closest, selected);
          const point = slerp(anchor, selected, s * tMax);
          expect(rankingMargin(point, closest, selected)).toBeGreaterThanOrEqual(-TOLERANCE);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is an equality at t* when t* < 1, and the constraint fails just beyond it (t* is the largest)', () => {
    fc.assert(
      fc.property(regularTriple, ({ anchor, closest, selected }) => {
        const tMax = maxInterpolation(anchor, closest, selected);
        fc.pre(tMax < 1);
        expect(Math.abs(rankingMargin(slerp(anchor, selected, tMax), closest, selected))).toBeLessThanOrEqual(
          TOLERANCE,
        );
        const beyond = Math.min(1, tMax + 1e-3);
        expect(rankingMargin(slerp(anchor, selected, beyond), closest, selected)).toBeLessThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the constraint, with equality at t*, for P_sel nearly antipodal to the anchor', () => {
    const nearAntipodal = fc
      .integer({ min: 2, max: 8 })
      .chain((d) =>
        fc.tuple(
          unitVector(d),
          unitVector(d),
          unitVector(d),
          fc.double({ min: 3e-4, max: 3e-2, noNaN: true }),
        ),
      )
      .map(([anchor, closest, direction, offset]) => ({
        anchor,
        closest,
        selected: normalize(anchor.map((x, i) => -x + offset * direction[i]!)),
      }))
      .filter(({ anchor, closest, selected }) => {
        const angle = geodesicAngle(anchor, selected);
        const ordered = dot(anchor, closest) >= dot(anchor, selected);
        return (
          ordered && angle < Math.PI - ANTIPODAL_ANGLE_TOLERANCE && geodesicAngle(closest, selected) > 1e-6
        );
      });
    fc.assert(
      fc.property(
        nearAntipodal,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ anchor, closest, selected }, s) => {
          const tMax = maxInterpolation(anchor, closest, selected);
          expect(rankingMargin(slerp(anchor, selected, s * tMax), closest, selected)).toBeGreaterThanOrEqual(
            -TOLERANCE,
          );
          if (tMax < 1) {
            expect(
              Math.abs(rankingMargin(slerp(anchor, selected, tMax), closest, selected)),
            ).toBeLessThanOrEqual(TOLERANCE);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("agrees with the reference's atan wherever that is in [0, 1], within what its ε guards shift", () => {
    fc.assert(
      fc.property(regularTriple, ({ anchor, closest, selected }) => {
        const reference = maxInterpolation(anchor, closest, selected, 'reference-atan');
        const { margin, prototypeGap, angle } = interpolationGeometry(anchor, closest, selected);
        // Where κ + cos Ω ≈ 0 (near antipodal) the guards move the reference to another branch.
        fc.pre(reference >= 0 && reference <= 1 && margin > 1e-3 && angle < Math.PI - 1e-2);
        expect(Math.abs(maxInterpolation(anchor, closest, selected) - reference)).toBeLessThanOrEqual(
          referenceGuardShift(margin, prototypeGap, angle, reference),
        );
      }),
    );
  });

  it('equals the paper formula (1/Ω)·atan2(sin Ω, κ + cos Ω) on the right branch', () => {
    fc.assert(
      fc.property(regularTriple, ({ anchor, closest, selected }) => {
        const { margin, prototypeGap, angle } = interpolationGeometry(anchor, closest, selected);
        fc.pre(margin > 1e-6 && prototypeGap > 1e-6 && angle > 1e-6);
        const kappa = prototypeGap / margin;
        const paper = Math.atan2(Math.sin(angle), kappa + Math.cos(angle)) / angle;
        expect(maxInterpolation(anchor, closest, selected)).toBeCloseTo(Math.min(1, paper), 9);
      }),
    );
  });
});

describe('maxInterpolation degenerate geometry (finite, documented)', () => {
  const vectors = fc.integer({ min: 2, max: 8 }).chain((d) => fc.tuple(unitVector(d), unitVector(d)));

  it('P_sel equal to P* (skipClosest = 0 or duplicate prototypes): t* = 1, the constraint is an identity', () => {
    fc.assert(
      fc.property(vectors, ([anchor, prototype]) => {
        expect(maxInterpolation(anchor, prototype, Float64Array.from(prototype))).toBe(1);
      }),
    );
  });

  it('anchor equal to P*: t* = 1/2 (the midpoint is equidistant), unless antipodal to P_sel', () => {
    fc.assert(
      fc.property(vectors, ([anchor, selected]) => {
        fc.pre(geodesicAngle(anchor, selected) < Math.PI - ANTIPODAL_ANGLE_TOLERANCE);
        fc.pre(geodesicAngle(anchor, selected) > 1e-6);
        expect(maxInterpolation(anchor, anchor, selected)).toBeCloseTo(0.5, 9);
      }),
    );
  });

  it('anchor equal to P_sel, or equally close to P* and P_sel: t* = 0', () => {
    fc.assert(
      fc.property(vectors, ([anchor, closest]) => {
        fc.pre(geodesicAngle(anchor, closest) > 1e-6);
        expect(maxInterpolation(anchor, closest, anchor)).toBe(0);
        expect(correctMaxInterpolation({ margin: 0, prototypeGap: 0.3, angle: 1 })).toBe(0);
      }),
    );
  });

  it('anchor antipodal to P_sel: t* = 0, the positive is the anchor', () => {
    fc.assert(
      fc.property(vectors, ([anchor, closest]) => {
        const antipode = anchor.map((x) => -x);
        fc.pre(geodesicAngle(closest, antipode) > 1e-6);
        expect(maxInterpolation(anchor, closest, antipode)).toBe(0);
      }),
    );
  });

  it('stays finite and in [0, 1] for vectors a rounding step off the sphere (|cos| > 1)', () => {
    fc.assert(
      fc.property(
        vectors,
        fc.double({ min: -1e-12, max: 1e-12, noNaN: true }),
        ([anchor, closest], wobble) => {
          const scaled = anchor.map((x) => x * (1 + wobble));
          for (const tMax of [
            maxInterpolation(scaled, closest, anchor),
            maxInterpolation(scaled, anchor, closest),
            maxInterpolation(scaled, scaled, normalize(scaled)),
            maxInterpolation(anchor, closest, closest, 'reference-atan'),
          ]) {
            expect(Number.isFinite(tMax)).toBe(true);
          }
          expect(maxInterpolation(scaled, closest, anchor)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("has the reference's negative t* only under the 'reference-atan' rule", () => {
    // z·P* = −0.8, z·P_sel = −0.9, P*·P_sel = 0.93: κ + cos Ω < 0 (the fixture's edge case).
    const closest = [1, 0, 0];
    const selected = [0.93, Math.sqrt(1 - 0.93 ** 2), 0];
    const y = (-0.9 - 0.93 * -0.8) / selected[1]!;
    const anchor = [-0.8, y, Math.sqrt(1 - 0.64 - y * y)];
    expect(maxInterpolation(anchor, closest, selected, 'reference-atan')).toBeLessThan(0);
    const tMax = maxInterpolation(anchor, closest, selected);
    expect(tMax).toBeGreaterThan(0);
    expect(Math.abs(rankingMargin(slerp(anchor, selected, tMax), closest, selected))).toBeLessThan(TOLERANCE);
  });
});
