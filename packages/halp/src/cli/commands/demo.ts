import { hallucinate, maxInterpolation } from '@halp/hallucinate';
import {
  geodesicAngle,
  type Matrix,
  matrix,
  matrixRow,
  normalize,
  randomUnitVectors,
} from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import { createRandom, forkRandom, normal, uniformInt } from '@halp/random';
import { integerOption } from '../arguments.js';
import type { Command } from '../command.js';
import { formatTable } from '../format-table.js';

/**
 * The math core end to end, at the paper's sizes: a queue of 256 keys in 128-d drawn around 20
 * hidden directions, clustered into 20 prototypes, then 100 positives hallucinated for each of 64
 * anchors. Prints what each stage found and how long it took.
 */
export const demoCommand: Command = {
  name: 'demo',
  options: { seed: 'string', keys: 'string', prototypes: 'string', anchors: 'string', positives: 'string' },
  summary: 'cluster keys into prototypes and hallucinate positives (the math core, no training)',
  help: `halp demo [--seed N] [--keys 256] [--prototypes 20] [--anchors 64] [--positives 100]

Runs the paper's per-step math on synthetic keys: spherical k-means of the newest keys into
prototypes (k-means++, Fréchet mean), then HaLP's hallucination of hard positives.`,
  async run(args, output) {
    const seed = integerOption(args, 'seed', 0);
    const keyCount = integerOption(args, 'keys', 256, 2);
    const prototypeCount = integerOption(args, 'prototypes', 20, 1);
    const anchorCount = integerOption(args, 'anchors', 64, 1);
    const positives = integerOption(args, 'positives', 100, 1);
    const dimension = 128;
    const random = createRandom(seed);
    const { keys, hidden } = clusteredKeys(keyCount, dimension, prototypeCount, forkRandom(random, 'keys'));

    let started = performance.now();
    const clusters = sphericalKMeans(keys, Math.min(prototypeCount, keyCount), {
      random: forkRandom(random, 'kmeans'),
      centroid: 'frechet',
    });
    const kmeansMs = performance.now() - started;

    const anchorRows = Array.from({ length: Math.min(anchorCount, keyCount) }, (_, i) => i);
    const anchors = matrix(anchorRows.length, dimension, keys.data.slice(0, anchorRows.length * dimension));
    started = performance.now();
    const result = hallucinate(
      anchors,
      clusters.centroids,
      { numPositives: positives },
      forkRandom(random, 'hallucinate'),
    );
    const hallucinateMs = performance.now() - started;

    const moved = Array.from({ length: result.positives.rows }, (_, i) =>
      geodesicAngle(matrixRow(anchors, Math.floor(i / positives)), matrixRow(result.positives, i)),
    );
    const referenceNegative = countReferenceNegatives(
      anchors,
      clusters.centroids,
      result.anchorClosest,
      result.selected,
      positives,
    );
    const purity = clusterPurity(clusters.assignments, hidden, clusters.centroids.rows);

    output.out(
      `halp demo: ${keyCount} keys in ${dimension}-d around ${prototypeCount} hidden directions (seed ${seed})\n`,
    );
    output.out(
      formatTable(
        ['stage', 'result', 'time (ms)'],
        [
          [
            'spherical k-means',
            `${clusters.centroids.rows} prototypes, ${clusters.iterations} iterations, objective ${clusters.objective.toFixed(3)}, purity ${(purity * 100).toFixed(1)}%`,
            round(kmeansMs),
          ],
          [
            'hallucinate',
            `${result.positives.rows} positives, kept ${result.keptCount} (${((100 * result.keptCount) / result.positives.rows).toFixed(1)}%)`,
            round(hallucinateMs),
          ],
          [
            't* (max interpolation)',
            `mean ${mean(result.tMax).toFixed(3)}, min ${Math.min(...result.tMax).toFixed(3)}, max ${Math.max(...result.tMax).toFixed(3)}`,
            '',
          ],
          ['t used', `mean ${mean(result.t).toFixed(3)}`, ''],
          [
            'angle moved (deg)',
            `mean ${((mean(moved) * 180) / Math.PI).toFixed(2)}, max ${((Math.max(...moved) * 180) / Math.PI).toFixed(2)}`,
            '',
          ],
          [
            'reference atan t* < 0',
            `${referenceNegative} of ${result.positives.rows} positives would move away from P_sel`,
            '',
          ],
        ],
      ),
    );
    output.out('\n');
  },
};

/** Keys drawn around `clusters` hidden unit directions with Gaussian spread, as a MoCo queue looks. */
function clusteredKeys(
  count: number,
  dimension: number,
  clusters: number,
  random: ReturnType<typeof createRandom>,
) {
  const centres = randomUnitVectors(clusters, dimension, random);
  const data = new Float64Array(count * dimension);
  const hidden = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    hidden[i] = uniformInt(random, clusters);
    const centre = matrixRow(centres, hidden[i]!);
    const noisy = Array.from(centre, (value) => value + normal(random, 0, 0.06));
    data.set(normalize(noisy), i * dimension);
  }
  return { keys: matrix(count, dimension, data), hidden };
}

function countReferenceNegatives(
  anchors: Matrix,
  prototypes: Matrix,
  closest: Int32Array,
  selected: Int32Array,
  perAnchor: number,
): number {
  let count = 0;
  for (let i = 0; i < selected.length; i += 1) {
    const b = Math.floor(i / perAnchor);
    const t = maxInterpolation(
      matrixRow(anchors, b),
      matrixRow(prototypes, closest[b]!),
      matrixRow(prototypes, selected[i]!),
      'reference-atan',
    );
    if (t < 0) count += 1;
  }
  return count;
}

/** Fraction of points whose cluster's majority hidden direction is their own. */
function clusterPurity(assignments: Int32Array, hidden: Int32Array, clusters: number): number {
  let agreeing = 0;
  for (let c = 0; c < clusters; c += 1) {
    const counts = new Map<number, number>();
    assignments.forEach((a, i) => {
      if (a === c) counts.set(hidden[i]!, (counts.get(hidden[i]!) ?? 0) + 1);
    });
    agreeing += Math.max(0, ...counts.values());
  }
  return agreeing / assignments.length;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i]!;
  return sum / values.length;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
