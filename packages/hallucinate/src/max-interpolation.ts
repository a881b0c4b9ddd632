import { geodesicAngle, type Matrix, matrix, matrixRow, normalize, type Vector } from '@halp/hypersphere';
import type { MaxInterpolationRule } from './options.js';

/**
 * The three numbers t* depends on, for an anchor z, its closest prototype P* and a selected
 * prototype P_sel (all unit vectors).
 */
export interface InterpolationGeometry {
  /** a = z·P* − z·P_sel ≥ 0 when P* is the anchor's closest prototype: its lead over P_sel. */
  readonly margin: number;
  /**
   * h = ‖P* − P_sel‖²/2, which equals 1 − P*·P_sel for unit vectors but is exactly 0 for duplicate
   * prototypes instead of a rounding residue of either sign.
   */
  readonly prototypeGap: number;
  /** Ω ∈ [0, π], the geodesic angle between z and P_sel. */
  readonly angle: number;
}

/**
 * Within this many radians of π the anchor and P_sel are treated as antipodal: the geodesic between
 * them is not unique at π and ill-determined near it (a rounding-size change turns its plane), and
 * the closed form's denominator h + a·cos Ω is a difference of nearly equal terms (in float32 it
 * would be noise). Such pairs get t* = 0, i.e. the positive is the anchor.
 */
export const ANTIPODAL_ANGLE_TOLERANCE = 1e-4;

/** The reference's additive guard, reproduced by the `'reference-atan'` rule. */
export const REFERENCE_EPSILON = 1e-8;

/**
 * Projects the three points onto the sphere and measures {@link InterpolationGeometry}.
 *
 * With d = P* − P_sel, the margin is evaluated as a = (z − P*)·d + ‖d‖²/2, which equals z·d for unit
 * P* but keeps its relative precision when z is near P* and P_sel (small Ω), where z·P* − z·P_sel
 * would subtract two numbers close to 1.
 */
export function interpolationGeometry(
  anchor: Vector,
  closest: Vector,
  selected: Vector,
): InterpolationGeometry {
  const z = normalize(anchor);
  const best = normalize(closest);
  const target = normalize(selected);
  let offsetAlongGap = 0;
  let gapSquared = 0;
  for (let i = 0; i < best.length; i += 1) {
    const gap = best[i]! - target[i]!;
    offsetAlongGap += (z[i]! - best[i]!) * gap;
    gapSquared += gap * gap;
  }
  return {
    margin: offsetAlongGap + gapSquared / 2,
    prototypeGap: gapSquared / 2,
    angle: geodesicAngle(z, target),
  };
}

/**
 * t*: how far (as a fraction of the geodesic) the anchor z can be slerped towards P_sel before P_sel
 * becomes at least as similar to the point as P* is.
 *
 * Along z(t) = slerp(z, P_sel, t), with θ = tΩ,
 *
 *   sin Ω · z(t)·(P* − P_sel) = a·sin Ω·cos θ − (h + a·cos Ω)·sin θ,
 *
 * which is a·sin Ω ≥ 0 at θ = 0, −h·sin Ω ≤ 0 at θ = Ω, and has one sign change in between, at
 *
 *   θ* = atan2(a·sin Ω, h + a·cos Ω) ∈ [0, π],    t* = min(1, θ* / Ω).
 *
 * Dividing both arguments by a > 0 gives the paper's t* = (1/Ω)·arctan(sin Ω / (κ + cos Ω)),
 * κ = h/a; the two-argument arctangent picks the branch in (π/2, π] when κ + cos Ω < 0, where the
 * one-argument arctangent of the reference returns a negative angle instead.
 *
 * Degenerate geometry, checked in this order (all finite):
 * - h = 0 (P_sel = P*, e.g. duplicate prototypes or `skipClosest` = 0): the constraint is an identity,
 *   so t* = 1.
 * - a ≤ 0 (the anchor is not strictly closer to P* than to P_sel; a tie, or P* is not the closest):
 *   the constraint fails for every t > 0, so t* = 0.
 * - Ω within {@link ANTIPODAL_ANGLE_TOLERANCE} of π: t* = 0 (see there).
 * - Ω = 0 (the anchor sits at P_sel, the path is a single point): t* = 1.
 */
export function correctMaxInterpolation({ margin, prototypeGap, angle }: InterpolationGeometry): number {
  if (prototypeGap === 0) return 1;
  if (margin <= 0) return 0;
  if (angle >= Math.PI - ANTIPODAL_ANGLE_TOLERANCE) return 0;
  if (angle === 0) return 1;
  const crossing = Math.atan2(margin * Math.sin(angle), prototypeGap + margin * Math.cos(angle));
  return Math.min(1, crossing / angle);
}

/**
 * The reference's t*: atan(sin Ω / (κ + cos Ω + ε)) / (Ω + ε), κ = h / (a + ε), ε = 1e-8. It is
 * negative when κ + cos Ω < 0 (the wrong arctangent branch) and is kept only for comparisons. Ω is
 * measured stably instead of as acos(z·P_sel), which is where the reference turns NaN. A non-finite
 * value (0/0 when h = 0 and a = −ε exactly) is returned as 0.
 */
export function referenceMaxInterpolation({ margin, prototypeGap, angle }: InterpolationGeometry): number {
  const kappa = prototypeGap / (margin + REFERENCE_EPSILON);
  const value =
    Math.atan(Math.sin(angle) / (kappa + Math.cos(angle) + REFERENCE_EPSILON)) / (angle + REFERENCE_EPSILON);
  return Number.isFinite(value) ? value : 0;
}

/** t* from its geometry under the chosen rule. */
export function maxInterpolationFromGeometry(
  geometry: InterpolationGeometry,
  rule: MaxInterpolationRule,
): number {
  return rule === 'correct' ? correctMaxInterpolation(geometry) : referenceMaxInterpolation(geometry);
}

/**
 * t* for slerping `anchor` towards `selected` while `closest` (P*) must stay at least as similar as
 * `selected`; see {@link correctMaxInterpolation}. Inputs are projected onto the sphere first.
 */
export function maxInterpolation(
  anchor: Vector,
  closest: Vector,
  selected: Vector,
  rule: MaxInterpolationRule = 'correct',
): number {
  return maxInterpolationFromGeometry(interpolationGeometry(anchor, closest, selected), rule);
}

/**
 * t* for every anchor (row b of `anchors`) and every prototype j as P_sel, with P* =
 * `prototypes[anchorClosest[b]]`: a B×P table. t* depends on the positive only through P_sel, so
 * the G positives of an anchor look their values up here.
 */
export function maxInterpolationTable(
  anchors: Matrix,
  prototypes: Matrix,
  anchorClosest: Int32Array,
  rule: MaxInterpolationRule,
): Matrix {
  const table = matrix(anchors.rows, prototypes.rows);
  for (let b = 0; b < anchors.rows; b += 1) {
    const anchor = matrixRow(anchors, b);
    const closest = matrixRow(prototypes, anchorClosest[b]!);
    for (let j = 0; j < prototypes.rows; j += 1) {
      table.data[b * prototypes.rows + j] = maxInterpolation(anchor, closest, matrixRow(prototypes, j), rule);
    }
  }
  return table;
}
