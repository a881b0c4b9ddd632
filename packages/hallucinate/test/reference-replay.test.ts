import { type HallucinationOptions, hallucinate, halpLoss, maxInterpolation } from '@halp/hallucinate';
import { matrixRow } from '@halp/hypersphere';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_PATH,
  fixtureAvailable,
  loadReferenceCases,
  type ReferenceCase,
} from './reference-fixture.js';

const TOLERANCE = 1e-6;

function optionsOf(c: ReferenceCase): Partial<HallucinationOptions> {
  return {
    numPositives: c.args.num_positives,
    numClosest: c.args.num_closest_to_ignore_positives,
    skipClosest: c.args.skip_closest_positives,
    lambda: c.args.lambda_pos,
    sampling: 'reference',
  };
}

function replay(c: ReferenceCase, rule: HallucinationOptions['maxInterpolationRule']) {
  return hallucinate(
    c.anchors,
    c.prototypes,
    { ...optionsOf(c), maxInterpolationRule: rule },
    { selected: c.selected, u: c.u },
  );
}

/** Positives where the reference stayed on the method's side: finite t* ≥ 0 and t ≥ 0. */
function comparable(c: ReferenceCase, i: number): boolean {
  const maxT = c.referenceMaxT[i]!;
  return Number.isFinite(maxT) && maxT >= 0 && c.referenceT[i]! >= 0;
}

describe.skipIf(!fixtureAvailable)(`replaying the reference's draws (${FIXTURE_PATH})`, () => {
  const cases = fixtureAvailable ? loadReferenceCases() : [];

  it('covers regular cases and the documented edge cases', () => {
    expect(cases.length).toBeGreaterThan(5);
    expect(cases.some((c) => c.referenceMaxT.some((t) => t < 0))).toBe(true);
  });

  it('gives the same loss as the builder on every case whose mask and t* agree with ours', () => {
    let compared = 0;
    for (const c of cases) {
      const result = replay(c, 'correct');
      const maskAgrees = c.referenceKeep.every((kept, i) => kept === (result.keep[i] === 1));
      if (!maskAgrees || !c.selected.every((_, i) => comparable(c, i))) continue;
      const loss = halpLoss(c.queries, result.positives, result.keep, c.args.T);
      expect(Math.abs(loss - c.referenceLoss)).toBeLessThanOrEqual(1e-5);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(cases.length / 2);
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = replay(c, 'correct');
    const positiveCount = c.selected.length;

    it('finds the same closest prototypes', () => {
      expect(Array.from(result.anchorClosest)).toEqual(c.referenceAnchorClosest);
    });

    it('matches t*, t, the positives and the mask wherever the reference is non-negative and finite', () => {
      let compared = 0;
      for (let i = 0; i < positiveCount; i += 1) {
        if (!comparable(c, i)) continue;
        compared += 1;
        expect(result.tMax[i]).toBeCloseTo(c.referenceMaxT[i]!, 6);
        expect(Math.abs(result.t[i]! - c.referenceT[i]!)).toBeLessThanOrEqual(TOLERANCE);
        const positive = matrixRow(result.positives, i);
        c.referencePositives[i]!.forEach((value, k) => {
          expect(Math.abs(positive[k]! - value)).toBeLessThanOrEqual(TOLERANCE);
        });
        expect(result.keep[i] === 1).toBe(c.referenceKeep[i]);
      }
      if (c.referenceMaxT.every((t) => t >= 0)) expect(compared).toBeGreaterThan(0);
    });

    it("reproduces the reference's t*, t and positives with the 'reference-atan' rule, negative t* included", () => {
      const atan = replay(c, 'reference-atan');
      for (let i = 0; i < positiveCount; i += 1) {
        if (!Number.isFinite(c.referenceMaxT[i]!)) continue;
        expect(Math.abs(atan.tMax[i]! - c.referenceMaxT[i]!)).toBeLessThanOrEqual(TOLERANCE);
        // λ = 1000 clamps t* − 0.01 at 0 here; the reference lets it go negative.
        if (c.referenceT[i]! < 0 && c.args.lambda_pos === 1000) continue;
        expect(Math.abs(atan.t[i]! - c.referenceT[i]!)).toBeLessThanOrEqual(TOLERANCE);
        const positive = matrixRow(atan.positives, i);
        c.referencePositives[i]!.forEach((value, k) => {
          expect(Math.abs(positive[k]! - value)).toBeLessThanOrEqual(TOLERANCE);
        });
      }
    });

    it("takes the other arctangent branch, (atan + π)/Ω, where the reference's t* is negative", () => {
      for (let i = 0; i < positiveCount; i += 1) {
        const maxT = c.referenceMaxT[i]!;
        if (!(maxT < 0)) continue;
        const angle = c.referenceAngle[i]!;
        // The reference divides by Ω + 1e-8; undo that to recover its arctangent.
        const expected = Math.min(1, (maxT * (angle + 1e-8) + Math.PI) / angle);
        expect(Math.abs(result.tMax[i]! - expected)).toBeLessThanOrEqual(TOLERANCE);
      }
    });

    it('keeps t* in [0, 1] everywhere, equal to maxInterpolation of the same triple', () => {
      for (let i = 0; i < positiveCount; i += 1) {
        expect(result.tMax[i]).toBeGreaterThanOrEqual(0);
        expect(result.tMax[i]).toBeLessThanOrEqual(1);
        const b = Math.floor(i / c.args.num_positives);
        const direct = maxInterpolation(
          matrixRow(c.anchors, b),
          matrixRow(c.prototypes, result.anchorClosest[b]!),
          matrixRow(c.prototypes, c.selected[i]!),
        );
        expect(Math.abs(result.tMax[i]! - direct)).toBeLessThanOrEqual(1e-12);
      }
    });
  });
});
