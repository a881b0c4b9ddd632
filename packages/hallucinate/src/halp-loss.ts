import { dot, type Matrix, matrixRow } from '@halp/hypersphere';

/**
 * L_HaLP = −(1/G_filtered) Σ_{b,g kept} z_q,b·z_H,bg / τ, aggregated as the reference's builder does:
 * one sum over the whole batch divided by the batch's total kept count (not a per-anchor mean).
 * The reference divides by count + 1e-8, which float32 rounds away unless the count is 0; here an
 * empty mask gives exactly 0 (the reference gives −0). The caller multiplies by μ.
 *
 * `positives` holds G rows per query (row b·G + g belongs to query b); `keep` has one 0/1 per row.
 */
export function halpLoss(
  queries: Matrix,
  positives: Matrix,
  keep: ArrayLike<number>,
  temperature: number,
): number {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a positive finite number, got ${temperature}`);
  }
  if (queries.rows === 0 || positives.rows % queries.rows !== 0) {
    throw new RangeError(
      `${positives.rows} positives are not a whole number per query for ${queries.rows} queries`,
    );
  }
  if (keep.length !== positives.rows) {
    throw new RangeError(`keep has ${keep.length} entries for ${positives.rows} positives`);
  }
  const positivesPerQuery = positives.rows / queries.rows;
  let similaritySum = 0;
  let keptCount = 0;
  for (let i = 0; i < positives.rows; i += 1) {
    if (!keep[i]) continue;
    similaritySum += dot(matrixRow(queries, Math.floor(i / positivesPerQuery)), matrixRow(positives, i));
    keptCount += 1;
  }
  return keptCount === 0 ? 0 : -similaritySum / (temperature * keptCount);
}
