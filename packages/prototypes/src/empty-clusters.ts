import type { ClusterMembers } from './cluster-members.js';
import { coincidesWithCentroid } from './coincidence.js';

/**
 * Re-seeds every empty cluster, in index order, with the point farthest from its own centroid (lowest
 * similarity; lowest index on ties), each point used at most once. This is deterministic and never
 * raises the objective: the chosen point's cost drops to 0 while every other point keeps its
 * centroid. Points that already coincide with their centroid are never used (see
 * {@link coincidesWithCentroid}); an empty cluster with no such point left keeps its centroid.
 *
 * `similarities[i]` is point i's cosine to its assigned centroid; `centroids` holds k unit rows of
 * dimension d, of which the re-seeded ones are overwritten with copies of their points.
 */
export function reseedEmptyClusters(
  points: Float64Array,
  centroids: Float64Array,
  d: number,
  members: ClusterMembers,
  similarities: Float64Array,
): void {
  let used: Set<number> | undefined;
  for (let cluster = 0; cluster < members.clusterCount; cluster += 1) {
    if (members.size(cluster) > 0) continue;
    used ??= new Set();
    const farthest = farthestUnusedPoint(similarities, used);
    if (farthest < 0) return;
    used.add(farthest);
    centroids.set(points.subarray(farthest * d, (farthest + 1) * d), cluster * d);
  }
}

/**
 * Whether some cluster is empty while some point does not coincide with its centroid, i.e. whether
 * {@link reseedEmptyClusters} would change anything. The iteration does not stop while it would.
 */
export function canReseedEmptyCluster(members: ClusterMembers, similarities: Float64Array): boolean {
  for (let cluster = 0; cluster < members.clusterCount; cluster += 1) {
    if (members.size(cluster) === 0) return farthestUnusedPoint(similarities, new Set()) >= 0;
  }
  return false;
}

/** Index of the least similar point not in `used` that does not coincide with its centroid, or −1. */
function farthestUnusedPoint(similarities: Float64Array, used: ReadonlySet<number>): number {
  let farthest = -1;
  for (let i = 0; i < similarities.length; i += 1) {
    const similarity = similarities[i]!;
    const isCandidate = !coincidesWithCentroid(similarity) && !used.has(i);
    if (isCandidate && (farthest < 0 || similarity < similarities[farthest]!)) farthest = i;
  }
  return farthest;
}
