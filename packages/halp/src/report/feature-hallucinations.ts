import { hallucinate } from '@halp/hallucinate';
import { type Matrix, matrix, normalize } from '@halp/hypersphere';
import { sphericalKMeans } from '@halp/prototypes';
import { createRandom, forkRandom } from '@halp/random';
import { hallucinationPicture } from './hallucination-picture.js';

/** What {@link featureHallucinationPicture} draws, and from which seed. */
export interface FeatureHallucinationOptions {
  readonly seed: number;
  /** Prototypes clustered from the features (default 8). */
  readonly prototypes?: number;
  /** Anchors whose positives are drawn: the first rows (default 6). */
  readonly anchors?: number;
  /** λ, the hardness control (default: the reference's 0.8; see `HallucinationOptions.lambda`). */
  readonly lambda?: number;
}

/**
 * HaLP's positives in a trained embedding space, as an SVG picture: the normalised features (the
 * first 256 rows) are clustered into prototypes as HaLP clusters its queue, then 30 positives are
 * hallucinated for each of a few anchors.
 */
export function featureHallucinationPicture(features: Matrix, options: FeatureHallucinationOptions): string {
  const { seed, prototypes = 8, anchors = 6, lambda } = options;
  const random = createRandom(seed);
  const rows = Math.min(256, features.rows);
  const units = new Float64Array(rows * features.columns);
  for (let i = 0; i < rows; i += 1) {
    units.set(
      normalize(features.data.subarray(i * features.columns, (i + 1) * features.columns)),
      i * features.columns,
    );
  }
  const keys = matrix(rows, features.columns, units);
  const clusters = sphericalKMeans(keys, Math.min(prototypes, rows), {
    random: forkRandom(random, 'prototypes'),
  });
  const anchorRows = matrix(anchors, features.columns, units.slice(0, anchors * features.columns));
  const result = hallucinate(
    anchorRows,
    clusters.centroids,
    {
      numPositives: 30,
      numClosest: Math.min(prototypes - 1, 20),
      ...(lambda === undefined ? {} : { lambda }),
    },
    forkRandom(random, 'positives'),
  );
  return hallucinationPicture(anchorRows, clusters.centroids, result);
}
