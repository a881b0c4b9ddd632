/**
 * Cosine above which a point counts as sitting on a centroid. Two copies of one direction, each
 * normalised in float64, have a cosine within ~d·2⁻⁵³ of 1 (≈1.4e-14 for d = 128), so exact
 * duplicates always pass; the threshold corresponds to an angle of about 1.4e-6 rad.
 */
const COINCIDENT_SIMILARITY = 1 - 1e-12;

/**
 * Whether a point at cosine `similarity` from a centroid is, numerically, that centroid. Such a point
 * gets zero k-means++ weight and never re-seeds an empty cluster: a centroid placed on it would
 * duplicate an existing one and stay empty, so with fewer distinct directions than clusters the
 * surplus centroids are duplicates instead of an endless re-seeding loop.
 */
export function coincidesWithCentroid(similarity: number): boolean {
  return similarity >= COINCIDENT_SIMILARITY;
}
