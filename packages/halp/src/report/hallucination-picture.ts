import type { Hallucinations } from '@halp/hallucinate';
import type { Matrix } from '@halp/hypersphere';
import type { Random } from '@halp/random';
import { principalComponents2, projectionAxisLabels } from './pca.js';
import { stackRows } from './stack-rows.js';
import { type MarkerLegendEntry, type ScatterPoint, type ScatterSpec, scatterPlot } from './svg-scatter.js';

/**
 * Everything the hallucination picture shows: P prototypes, B anchors, and G positives per anchor
 * (row b·G + g belongs to anchor b), with which positives passed the keep test.
 */
export interface HallucinationScene {
  /** P×D. */
  readonly prototypes: Matrix;
  /** B×D. */
  readonly anchors: Matrix;
  /** (B·G)×D. */
  readonly positives: Matrix;
  /** G. */
  readonly positivesPerAnchor: number;
  /** Length B·G: 1 where the positive's closest prototype is still its anchor's P*. */
  readonly keep: Uint8Array;
  /** Length B: P* of each anchor, an index into `prototypes`. */
  readonly anchorClosest: Int32Array;
}

const SIZES = { anchor: 5, kept: 2.2, rejected: 3 } as const;

const MARKER_LEGEND: readonly MarkerLegendEntry[] = [
  { marker: 'ring', label: 'prototype' },
  { marker: 'dot', label: 'anchor', size: SIZES.anchor },
  { marker: 'dot', label: 'kept positive', size: SIZES.kept },
  { marker: 'cross', label: 'rejected positive', size: SIZES.rejected },
];

/**
 * The scatter specification of HaLP's hallucinated positives (docs/method.md §3: z_H = slerp(z, P_sel, t), kept when
 * argmax_k ⟨z_H, P_k⟩ is still the anchor's P*): all rows are projected together on the first two
 * principal components of prototypes ∪ anchors ∪ positives (see `principalComponents2`, seeded by
 * `random`). Prototypes are rings in their own colour; anchors are dots and their positives small dots
 * (kept) or crosses (rejected), in the colour of the anchor's closest prototype P*, so a positive that
 * strays to another prototype's region stands out. Drawn bottom to top: positives, anchors, prototypes.
 *
 * Throws a `RangeError` when the shapes disagree (columns, B·G rows, mask lengths, P* out of range).
 */
export function hallucinationScatter(scene: HallucinationScene, random?: Random): ScatterSpec {
  checkScene(scene);
  const { prototypes, anchors, positives, positivesPerAnchor, keep, anchorClosest } = scene;
  const projection = principalComponents2(stackRows([positives, anchors, prototypes]), random);
  const at = (row: number) => ({ x: projection.x[row]!, y: projection.y[row]! });
  const positivePoints: ScatterPoint[] = Array.from({ length: positives.rows }, (_, i) => {
    const kept = keep[i] === 1;
    return {
      ...at(i),
      group: anchorClosest[Math.floor(i / positivesPerAnchor)]!,
      marker: kept ? 'dot' : 'cross',
      size: kept ? SIZES.kept : SIZES.rejected,
    };
  });
  const anchorPoints: ScatterPoint[] = Array.from({ length: anchors.rows }, (_, b) => ({
    ...at(positives.rows + b),
    group: anchorClosest[b]!,
    marker: 'dot',
    size: SIZES.anchor,
  }));
  const prototypePoints: ScatterPoint[] = Array.from({ length: prototypes.rows }, (_, k) => ({
    ...at(positives.rows + anchors.rows + k),
    group: k,
    marker: 'ring',
  }));
  return {
    title: 'Hallucinated positives around their prototypes',
    points: [...positivePoints, ...anchorPoints, ...prototypePoints],
    groupNames: Array.from({ length: prototypes.rows }, (_, k) => `prototype ${k}`),
    shapeByGroup: false,
    markerLegend: MARKER_LEGEND,
    ...projectionAxisLabels(projection),
  };
}

/**
 * The SVG picture of `hallucinate(anchors, prototypes, options, random)`'s output (see
 * {@link hallucinationScatter}); pass the same `anchors` and `prototypes` that produced it.
 */
export function hallucinationPicture(
  anchors: Matrix,
  prototypes: Matrix,
  hallucinations: Hallucinations,
  random?: Random,
): string {
  const scene: HallucinationScene = {
    prototypes,
    anchors,
    positives: hallucinations.positives,
    positivesPerAnchor: hallucinations.positivesPerAnchor,
    keep: hallucinations.keep,
    anchorClosest: hallucinations.anchorClosest,
  };
  return scatterPlot(hallucinationScatter(scene, random));
}

function checkScene(scene: HallucinationScene): void {
  const { prototypes, anchors, positives, positivesPerAnchor, keep, anchorClosest } = scene;
  const problems = [
    anchors.columns !== prototypes.columns || positives.columns !== prototypes.columns
      ? `columns differ: prototypes ${prototypes.columns}, anchors ${anchors.columns}, positives ${positives.columns}`
      : undefined,
    positives.rows !== anchors.rows * positivesPerAnchor
      ? `${positives.rows} positives for ${anchors.rows} anchors × ${positivesPerAnchor} per anchor`
      : undefined,
    keep.length !== positives.rows
      ? `keep has ${keep.length} entries for ${positives.rows} positives`
      : undefined,
    anchorClosest.length !== anchors.rows
      ? `anchorClosest has ${anchorClosest.length} entries for ${anchors.rows} anchors`
      : undefined,
    anchorClosest.some((k) => k < 0 || k >= prototypes.rows)
      ? `anchorClosest refers to a prototype outside 0..${prototypes.rows - 1}`
      : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new RangeError(`hallucinationScatter: ${problems.join('; ')}`);
}
