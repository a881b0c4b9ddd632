/**
 * The smallest transpose that moves the same elements as `x.transpose(perm)`: output[i] takes input
 * axis perm[i], with `shape` the input's shape.
 *
 * Size-1 axes are dropped (they never change an element's offset), and axes that stay adjacent and
 * in order under the permutation merge into one, because together they index one contiguous block
 * in both input and output. E.g. [N, T, V, C] under [3, 0, 1, 2] is the 2-D transpose of
 * [N·T·V, C]; under [2, 0, 1, 3] it is [N·T, V, C] under [1, 0, 2] (giving [V, N·T, C]). An identity permutation merges
 * to a single axis (a plain copy); a tensor of size 1 to no axis at all.
 */
export interface TransposePlan {
  /** The merged input shape: every entry > 1. */
  readonly shape: number[];
  /** The merged permutation: output axis i takes merged input axis perm[i]. */
  readonly perm: number[];
}

/** Merges the axes of `shape` under `perm`. The caller handles empty tensors (some axis of size 0). */
export function planTranspose(shape: readonly number[], perm: readonly number[]): TransposePlan {
  // Axes of size > 1, renumbered 0, 1, … in input order, so that dropped axes break no run.
  const kept = shape.flatMap((size, axis) => (size === 1 ? [] : [axis]));
  const keptIndex = new Map(kept.map((axis, index) => [axis, index]));
  // Kept axes in output order, grouped into runs of consecutive kept axes.
  const groups: number[][] = [];
  for (const axis of perm) {
    const index = keptIndex.get(axis);
    if (index === undefined) continue;
    const last = groups.at(-1);
    if (last !== undefined && keptIndex.get(last.at(-1)!)! + 1 === index) last.push(axis);
    else groups.push([axis]);
  }
  // Each group is one merged axis; in the input they appear in the order of their first axis.
  const inputOrder = groups
    .map((group, outputIndex) => ({ first: group[0]!, outputIndex, size: sizeOf(shape, group) }))
    .sort((a, b) => a.first - b.first);
  const mergedIndexOfOutput = new Array<number>(groups.length);
  for (const [mergedIndex, group] of inputOrder.entries())
    mergedIndexOfOutput[group.outputIndex] = mergedIndex;
  return { shape: inputOrder.map((group) => group.size), perm: mergedIndexOfOutput };
}

function sizeOf(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((product, axis) => product * shape[axis]!, 1);
}
