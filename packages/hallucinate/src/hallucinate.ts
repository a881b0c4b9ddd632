import { type Matrix, matrix, matrixRow, normalize, slerp } from '@halp/hypersphere';
import type { Random } from '@halp/random';
import { keepMask } from './keep-mask.js';
import { maxInterpolationTable } from './max-interpolation.js';
import { type HallucinationOptions, resolveHallucinationOptions } from './options.js';
import { closestPrototypes, similarityMatrix } from './prototype-selection.js';
import {
  checkDraws,
  drawHallucinations,
  type HallucinationDraws,
  interpolationFromDraw,
  isRandom,
} from './sampling.js';

/**
 * B·G hallucinated positives; every per-positive array is indexed b·G + g (anchor b, positive g).
 */
export interface Hallucinations {
  /** B. */
  readonly anchorCount: number;
  /** G. */
  readonly positivesPerAnchor: number;
  /** z_H = slerp(z_b, P_sel, t), unit rows, (B·G)×D. */
  readonly positives: Matrix;
  /** The interpolation t used for each positive. */
  readonly t: Float64Array;
  /** t* of each positive's (anchor, P_sel) pair. */
  readonly tMax: Float64Array;
  /** P_sel of each positive. */
  readonly selected: Int32Array;
  /** P* of each anchor (length B). */
  readonly anchorClosest: Int32Array;
  /** The closest prototype of each positive over all prototypes. */
  readonly positiveClosest: Int32Array;
  /** 1 where the positive's closest prototype is still its anchor's P*. */
  readonly keep: Uint8Array;
  /** Number of kept positives in the batch. */
  readonly keptCount: number;
}

/**
 * Hallucinates G positives per anchor (docs/method.md §3): for each, pick P_sel (from `source` when it is a
 * `Random`, else the given draws), compute t* for (z, P*, P_sel), draw t ∈ [0, t*] and slerp the anchor
 * towards P_sel by t; then mark which positives keep P* as their closest prototype.
 *
 * Anchors and prototypes are projected onto the sphere first, so rows need not be exactly unit; a
 * zero row has no direction and follows `@halp/hypersphere`'s origin convention (finite, not unit).
 * Explicit draws may select any prototype, not only the candidate pool.
 */
export function hallucinate(
  anchors: Matrix,
  prototypes: Matrix,
  options: Partial<HallucinationOptions>,
  source: Random | HallucinationDraws,
): Hallucinations {
  const settings = resolveHallucinationOptions(options);
  if (prototypes.rows === 0) throw new RangeError('hallucinate needs at least one prototype');
  const unitAnchors = unitRows(anchors);
  const unitPrototypes = unitRows(prototypes);
  const similarities = similarityMatrix(unitAnchors, unitPrototypes);
  const anchorClosest = closestPrototypes(similarities);
  const positivesPerAnchor = settings.numPositives;
  const count = anchors.rows * positivesPerAnchor;
  const draws = isRandom(source)
    ? drawHallucinations(source, similarities, settings)
    : checkDraws(source, count, prototypes.rows, settings);
  const tMaxTable = maxInterpolationTable(
    unitAnchors,
    unitPrototypes,
    anchorClosest,
    settings.maxInterpolationRule,
  );

  const positives = matrix(count, anchors.columns);
  const t = new Float64Array(count);
  const tMax = new Float64Array(count);
  const selected = Int32Array.from(draws.selected);
  for (let i = 0; i < count; i += 1) {
    const b = Math.floor(i / positivesPerAnchor);
    tMax[i] = tMaxTable.data[b * prototypes.rows + selected[i]!]!;
    t[i] = interpolationFromDraw(draws.u[i]!, tMax[i]!, settings);
    positives.data.set(
      slerp(matrixRow(unitAnchors, b), matrixRow(unitPrototypes, selected[i]!), t[i]!),
      i * anchors.columns,
    );
  }
  const mask = keepMask(positives, unitPrototypes, anchorClosest, positivesPerAnchor);
  return {
    anchorCount: anchors.rows,
    positivesPerAnchor,
    positives,
    t,
    tMax,
    selected,
    anchorClosest,
    ...mask,
  };
}

function unitRows(m: Matrix): Matrix {
  const unit = matrix(m.rows, m.columns);
  for (let i = 0; i < m.rows; i += 1) unit.data.set(normalize(matrixRow(m, i)), i * m.columns);
  return unit;
}
