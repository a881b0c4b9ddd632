import { permutation, type Random, sampleWithoutReplacement } from '@halp/random';
import { checkedAccessor, checkIndex, type SkeletonDataset } from './dataset.js';

function checkFraction(fraction: number): void {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
}

/**
 * A class-balanced (stratified) labelled subset for semi-supervised evaluation: from every class c
 * with n_c samples keep max(1, round(fraction · n_c)) of them, drawn uniformly without replacement,
 * so that every class is represented even at 1 %. Returns sorted sample indices.
 *
 * The references draw ⌊fraction · N⌋ samples regardless of class ({@link randomSubset}); at 1 % of
 * NTU-60 that can leave classes out, which is why the balanced form is the default here.
 */
export function balancedSubset(labels: ArrayLike<number>, fraction: number, random: Random): Int32Array {
  checkFraction(fraction);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i += 1) {
    const members = byClass.get(labels[i]!) ?? [];
    members.push(i);
    byClass.set(labels[i]!, members);
  }
  const chosen: number[] = [];
  // Classes in ascending order so that the draws do not depend on the order labels first appear.
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    const keep = Math.min(members.length, Math.max(1, Math.round(fraction * members.length)));
    for (const position of sampleWithoutReplacement(random, members.length, keep))
      chosen.push(members[position]!);
  }
  return Int32Array.from(chosen).sort();
}

/** The references' semi-supervised subset: the first ⌊fraction · count⌋ of a random permutation. */
export function randomSubset(count: number, fraction: number, random: Random): Int32Array {
  checkFraction(fraction);
  return permutation(random, count).subarray(0, Math.floor(fraction * count));
}

/** The samples of `dataset` at `indices`, in that order. */
export function subsetDataset(dataset: SkeletonDataset, indices: ArrayLike<number>): SkeletonDataset {
  for (let i = 0; i < indices.length; i += 1) checkIndex(indices[i]!, dataset.length);
  const at = checkedAccessor(indices.length, (index) => indices[index]!);
  return {
    length: indices.length,
    clip: (index) => dataset.clip(at(index)),
    validFrames: (index) => dataset.validFrames(at(index)),
    label: (index) => dataset.label(at(index)),
    name: (index) => dataset.name(at(index)),
  };
}
