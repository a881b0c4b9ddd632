/** Subsets of a joint's neighbourhood in the spatial partition: root, centripetal, centrifugal. */
export const PARTITION_SUBSETS = 3;

/**
 * ST-GCN's spatial partition strategy, normalised as 2s-AGCN (the ISC reference) does. The
 * neighbourhood of joint i is i itself and the joints sharing an edge with it; each neighbour j falls
 * into one of K = 3 subsets by its hop distance d to `center` (breadth-first over the edges):
 *
 * - k = 0, root:        d(j) = d(i) (i itself; in a tree nothing else),
 * - k = 1, centripetal: d(j) < d(i) (towards the center),
 * - k = 2, centrifugal: d(j) > d(i) (away from it).
 *
 * Returns A_k[i][j] = 1 / |subset k of i| when j is in subset k of i's neighbourhood, else 0: row i
 * of A_k averages what joint i receives from its subset k (Λ_k⁻¹ A_k), so every row sums to 1 or,
 * when the subset is empty (the center has no centripetal neighbour), to 0. The graph convolution is
 * then y_i = Σ_k Σ_j A_k[i][j] · x_j · W_k.
 *
 * For a tree this is exactly the reference's `get_spatial_graph` (identity, in-bone and out-bone
 * matrices, each column divided by its sum); the reference stores the transpose (column = receiving
 * joint). Joints the edges do not connect to `center` have d = ∞: among themselves they are equally
 * far, so their edges fall in the root subset. Edges are undirected; repeated edges count once.
 *
 * @throws RangeError when an edge or the center is not a joint index.
 */
export function spatialPartition(
  joints: number,
  edges: readonly (readonly [number, number])[],
  center: number,
): number[][][] {
  const isJoint = (index: number) => Number.isInteger(index) && index >= 0 && index < joints;
  if (!isJoint(center)) throw new RangeError(`center ${center} is not a joint index below ${joints}`);
  const neighbours = Array.from({ length: joints }, (_, joint) => new Set([joint]));
  for (const [a, b] of edges) {
    if (!isJoint(a) || !isJoint(b))
      throw new RangeError(`edge [${a}, ${b}] is not between joints below ${joints}`);
    neighbours[a]!.add(b);
    neighbours[b]!.add(a);
  }
  const distance = hopDistances(neighbours, center);
  const subsetOf = (i: number, j: number) => {
    const [di, dj] = [distance[i]!, distance[j]!];
    return di === dj ? 0 : dj < di ? 1 : 2;
  };
  const partition = Array.from({ length: PARTITION_SUBSETS }, () =>
    Array.from({ length: joints }, () => new Array<number>(joints).fill(0)),
  );
  for (let i = 0; i < joints; i += 1) {
    const members: number[][] = Array.from({ length: PARTITION_SUBSETS }, () => []);
    for (const j of neighbours[i]!) members[subsetOf(i, j)]!.push(j);
    members.forEach((subset, k) => {
      for (const j of subset) partition[k]![i]![j] = 1 / subset.length;
    });
  }
  return partition;
}

/** Hops from `center` to every joint over the neighbour sets (∞ for joints it cannot reach). */
function hopDistances(neighbours: readonly Set<number>[], center: number): number[] {
  const distance = new Array<number>(neighbours.length).fill(Number.POSITIVE_INFINITY);
  distance[center] = 0;
  let frontier = [center];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const joint of frontier) {
      for (const neighbour of neighbours[joint]!) {
        if (distance[neighbour] === Number.POSITIVE_INFINITY) {
          distance[neighbour] = distance[joint]! + 1;
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return distance;
}
