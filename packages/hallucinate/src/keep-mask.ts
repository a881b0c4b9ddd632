import type { Matrix } from '@halp/hypersphere';
import { closestPrototypes, similarityMatrix } from './prototype-selection.js';

/** Which generated positives still belong to their anchor's prototype. */
export interface KeepMask {
  /** Closest prototype of each positive over all prototypes (ties: lowest index). */
  readonly positiveClosest: Int32Array;
  /** 1 where `positiveClosest` equals the anchor's closest prototype P*, else 0. */
  readonly keep: Uint8Array;
  /** G_filtered summed over the batch: how many positives are kept. */
  readonly keptCount: number;
}

/**
 * The filter of docs/method.md §3: positive b·G + g counts only if its closest prototype over *all* prototypes is
 * still its anchor's P* (`anchorClosest[b]`). The ranking constraint only protects P* against P_sel;
 * a third prototype can still overtake P* along the geodesic, and this catches it.
 */
export function keepMask(
  positives: Matrix,
  prototypes: Matrix,
  anchorClosest: Int32Array,
  positivesPerAnchor: number,
): KeepMask {
  if (positives.rows !== anchorClosest.length * positivesPerAnchor) {
    throw new RangeError(
      `${positives.rows} positives do not make ${positivesPerAnchor} per anchor for ${anchorClosest.length} anchors`,
    );
  }
  const positiveClosest = closestPrototypes(similarityMatrix(positives, prototypes));
  const keep = new Uint8Array(positives.rows);
  let keptCount = 0;
  for (let i = 0; i < positives.rows; i += 1) {
    const kept = positiveClosest[i] === anchorClosest[Math.floor(i / positivesPerAnchor)];
    keep[i] = kept ? 1 : 0;
    keptCount += keep[i]!;
  }
  return { positiveClosest, keep, keptCount };
}
