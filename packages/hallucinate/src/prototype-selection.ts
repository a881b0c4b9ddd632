import { dot, type Matrix, matrix, matrixRow, type Vector } from '@halp/hypersphere';

/** S = A·Pᵀ: cosine similarity of every anchor (row of A) to every prototype, B×P (unit inputs). */
export function similarityMatrix(anchors: Matrix, prototypes: Matrix): Matrix {
  if (anchors.columns !== prototypes.columns) {
    throw new RangeError(
      `anchors have dimension ${anchors.columns} but prototypes have dimension ${prototypes.columns}`,
    );
  }
  const similarities = matrix(anchors.rows, prototypes.rows);
  for (let b = 0; b < anchors.rows; b += 1) {
    const anchor = matrixRow(anchors, b);
    for (let p = 0; p < prototypes.rows; p += 1) {
      similarities.data[b * prototypes.rows + p] = dot(anchor, matrixRow(prototypes, p));
    }
  }
  return similarities;
}

/** Index of the largest similarity; ties go to the lowest index (as `argmax`/`topk` do). */
export function closestIndex(similarities: Vector): number {
  let best = 0;
  for (let p = 1; p < similarities.length; p += 1) if (similarities[p]! > similarities[best]!) best = p;
  return best;
}

/** For each row of a B×P similarity matrix, the index of its closest prototype (P*). */
export function closestPrototypes(similarities: Matrix): Int32Array {
  const closest = new Int32Array(similarities.rows);
  for (let b = 0; b < similarities.rows; b += 1) closest[b] = closestIndex(matrixRow(similarities, b));
  return closest;
}

/** Prototype indices from most to least similar; equal similarities keep index order. */
export function rankByDecreasingSimilarity(similarities: Vector): Int32Array {
  const order = Int32Array.from({ length: similarities.length }, (_, p) => p);
  return order.sort((i, j) => similarities[j]! - similarities[i]! || i - j);
}

/**
 * The prototypes P_sel is drawn from: the anchor's ranking without its `skipClosest` closest, then
 * the next `numClosest`. The reference slices `inds[-numClosest-skip : -skip]`; the same pool is
 * produced here, with two differences: `skipClosest` = 0 keeps P* in the pool (the reference's slice
 * is then empty and it crashes), and a pool larger than the prototypes left is clamped to them (as
 * Python's slice does). Throws a `RangeError` when no prototype is left (`skipClosest` ≥ P).
 */
export function candidatePool(ranking: Int32Array, skipClosest: number, numClosest: number): Int32Array {
  if (skipClosest >= ranking.length) {
    throw new RangeError(
      `skipClosest (${skipClosest}) leaves no candidate prototype out of ${ranking.length}`,
    );
  }
  return ranking.slice(skipClosest, skipClosest + numClosest);
}
