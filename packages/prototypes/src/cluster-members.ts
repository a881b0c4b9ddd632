/**
 * The points of every cluster, grouped by a counting sort of the assignments: cluster j's members
 * are `indices[offsets[j], offsets[j+1])`, in increasing point order. The buffers are reused across
 * iterations.
 */
export class ClusterMembers {
  private readonly offsets: Int32Array;
  private readonly indices: Int32Array;

  constructor(
    readonly clusterCount: number,
    pointCount: number,
  ) {
    this.offsets = new Int32Array(clusterCount + 1);
    this.indices = new Int32Array(pointCount);
  }

  /** Regroups the points after an assignment step. */
  regroup(assignments: Int32Array): void {
    const { offsets, indices } = this;
    offsets.fill(0);
    for (const cluster of assignments) offsets[cluster + 1]! += 1;
    for (let j = 0; j < this.clusterCount; j += 1) offsets[j + 1]! += offsets[j]!;
    const next = offsets.slice(0, this.clusterCount);
    for (let point = 0; point < assignments.length; point += 1) {
      const cluster = assignments[point]!;
      indices[next[cluster]!] = point;
      next[cluster]! += 1;
    }
  }

  /** Indices of the points in `cluster` (a view, valid until the next {@link regroup}). */
  of(cluster: number): Int32Array {
    return this.indices.subarray(this.offsets[cluster]!, this.offsets[cluster + 1]!);
  }

  size(cluster: number): number {
    return this.offsets[cluster + 1]! - this.offsets[cluster]!;
  }
}
