import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARTITION_SUBSETS, spatialPartition } from '../src/index.js';
import { COCO_17_PARENTS, edgesOf, KINECT_25_PARENTS } from './graph-fixtures.js';

type Edge = [number, number];

/** A graph: joints, edges between different joints, a center. */
const graphs = fc.integer({ min: 1, max: 10 }).chain((joints) =>
  fc.record({
    joints: fc.constant(joints),
    // b = a + 1 + d (mod V) is never a: no self-loop, and a one-joint graph has no edge at all.
    edges: fc.array(
      fc
        .tuple(fc.nat(joints - 1), fc.nat(Math.max(joints - 2, 0)))
        .map(([a, d]): Edge => [a, (a + 1 + d) % joints]),
      { maxLength: joints > 1 ? 2 * joints : 0 },
    ),
    center: fc.nat(joints - 1),
  }),
);

/** A tree: joint j > 0 hangs from a joint before it; the center anywhere. */
const trees = fc.integer({ min: 1, max: 12 }).chain((joints) =>
  fc.record({
    joints: fc.constant(joints),
    edges: fc.tuple(
      ...Array.from({ length: joints - 1 }, (_, j) => fc.nat(j).map((parent): Edge => [j + 1, parent])),
    ),
    center: fc.nat(joints - 1),
  }),
);

const rowSums = (matrix: number[][]) => matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
const support = (matrix: number[][]) => matrix.map((row) => row.map((value) => value > 0));

/** The reference's construction (2s-AGCN `get_spatial_graph`) for (joint, parent-towards-center) pairs:
 * identity, in-bone and out-bone matrices with A[to][from] = 1, each column divided by its sum. */
function referenceSpatialGraph(joints: number, inward: readonly Edge[]): number[][][] {
  const matrix = (links: readonly Edge[]) => {
    const a = Array.from({ length: joints }, () => new Array<number>(joints).fill(0));
    for (const [i, j] of links) a[j]![i] = 1;
    for (let column = 0; column < joints; column += 1) {
      const sum = a.reduce((total, row) => total + row[column]!, 0);
      if (sum > 0) for (const row of a) row[column]! /= sum;
    }
    return a;
  };
  const identity = matrix(Array.from({ length: joints }, (_, j): Edge => [j, j]));
  return [identity, matrix(inward), matrix(inward.map(([i, j]): Edge => [j, i]))];
}

const transpose = (matrix: number[][]) => matrix[0]!.map((_, column) => matrix.map((row) => row[column]!));

describe('spatialPartition', () => {
  it('is the transpose of the reference matrices for Kinect-25 centred on the spine', () => {
    const parents = KINECT_25_PARENTS;
    const inward = edgesOf(parents);
    const reference = referenceSpatialGraph(parents.length, inward);
    const partition = spatialPartition(parents.length, inward, 20);
    expect(partition).toHaveLength(PARTITION_SUBSETS);
    for (const [k, matrix] of reference.entries()) {
      const expected = transpose(matrix).flat();
      for (const [index, value] of partition[k]!.flat().entries())
        expect(value).toBeCloseTo(expected[index]!, 12);
    }
  });

  it('has rows that average: each row of each subset sums to 1 or 0, the root subset to 1', () => {
    fc.assert(
      fc.property(graphs, ({ joints, edges, center }) => {
        const partition = spatialPartition(joints, edges, center);
        partition.forEach((matrix, k) => {
          for (const sum of rowSums(matrix)) {
            if (k === 0) expect(sum).toBeCloseTo(1, 12);
            else expect(Math.abs(sum) < 1e-12 || Math.abs(sum - 1) < 1e-12).toBe(true);
          }
          for (const row of matrix) for (const value of row) expect(value).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });

  it('splits exactly the neighbourhood (self and edges) into disjoint subsets', () => {
    fc.assert(
      fc.property(graphs, ({ joints, edges, center }) => {
        const partition = spatialPartition(joints, edges, center).map(support);
        for (let i = 0; i < joints; i += 1) {
          for (let j = 0; j < joints; j += 1) {
            const adjacent = i === j || edges.some(([a, b]) => (a === i && b === j) || (a === j && b === i));
            const memberships = partition.filter((matrix) => matrix[i]![j]).length;
            expect(memberships).toBe(adjacent ? 1 : 0);
          }
        }
      }),
    );
  });

  it('mirrors centripetal and centrifugal, and keeps the root subset symmetric', () => {
    fc.assert(
      fc.property(graphs, ({ joints, edges, center }) => {
        const [root, centripetal, centrifugal] = spatialPartition(joints, edges, center).map(support);
        expect(transpose(centripetal!.map((row) => row.map(Number)))).toEqual(
          centrifugal!.map((row) => row.map(Number)),
        );
        expect(transpose(root!.map((row) => row.map(Number)))).toEqual(root!.map((row) => row.map(Number)));
      }),
    );
  });

  it('depends on the edges as a set of undirected pairs (order, orientation, repeats)', () => {
    fc.assert(
      fc.property(graphs, fc.infiniteStream(fc.boolean()), ({ joints, edges, center }, flips) => {
        const shuffled = [...edges]
          .reverse()
          .map(([a, b]): Edge => (flips.next().value ? [b, a] : [a, b]))
          .concat(edges.slice(0, 1));
        expect(spatialPartition(joints, shuffled, center)).toEqual(spatialPartition(joints, edges, center));
      }),
    );
  });

  it('gives trees the identity as root subset and one centripetal neighbour to every joint but the center', () => {
    fc.assert(
      fc.property(trees, ({ joints, edges, center }) => {
        const [root, centripetal] = spatialPartition(joints, edges, center);
        const joint = Array.from({ length: joints }, (_, i) => i);
        expect(root).toEqual(joint.map((i) => joint.map((j) => (i === j ? 1 : 0))));
        const parentsTowardsCenter = centripetal!.map((row) => row.filter((value) => value === 1).length);
        expect(parentsTowardsCenter).toEqual(joint.map((i) => (i === center ? 0 : 1)));
      }),
    );
  });

  it('handles COCO-17 and joints cut off from the center', () => {
    const coco = spatialPartition(17, edgesOf(COCO_17_PARENTS), 0);
    expect(rowSums(coco[1]!)[0]).toBe(0);
    expect(rowSums(coco[2]!)[0]).toBeCloseTo(1, 12);
    // Joints 1 and 2 are linked to each other only: equally (infinitely) far, so root neighbours.
    const cut = spatialPartition(3, [[1, 2]], 0);
    expect(cut[0]![1]).toEqual([0, 0.5, 0.5]);
    expect(cut.flat(2).every(Number.isFinite)).toBe(true);
  });

  it('rejects a center or an edge outside the joints', () => {
    expect(() => spatialPartition(3, [], 3)).toThrow(RangeError);
    expect(() => spatialPartition(3, [[0, 5]], 0)).toThrow(/edge \[0, 5\]/);
  });
});
