import { createRandom, type Random } from '@halp/random';

/** How the initial centroids are drawn from the points. */
export type SeedingMethod = 'kmeans++' | 'random';

/** How a cluster's centroid is computed from its members (see {@link centroidRuleFor}). */
export type CentroidRuleName = 'frechet' | 'normalized-mean';

/** Options of {@link sphericalKMeans}. Exactly one of `random` and `seed` is required. */
export interface SphericalKMeansOptions {
  /** Generator for the seeding and for nothing else; it is advanced by the call. */
  readonly random?: Random;
  /** Convenience: a fresh `createRandom(seed)` is used when no `random` is given. */
  readonly seed?: number | string;
  /**
   * Convergence threshold in radians: the iteration stops once the mean geodesic distance between
   * the centroids before and after an update is below it (the reference's `tol`). Default 1e-3.
   */
  readonly tolerance?: number;
  /** Upper bound on the number of update steps. Default 100 (the reference's `max_iter`). */
  readonly maxIterations?: number;
  /** Default `'kmeans++'`. */
  readonly init?: SeedingMethod;
  /** Default `'frechet'`, the reference's Riemannian k-means. */
  readonly centroid?: CentroidRuleName;
}

/** {@link SphericalKMeansOptions} with every default filled in and every value checked. */
export interface ResolvedOptions {
  readonly random: Random;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly init: SeedingMethod;
  readonly centroid: CentroidRuleName;
}

const DEFAULT_TOLERANCE = 1e-3;
const DEFAULT_MAX_ITERATIONS = 100;
const SEEDING_METHODS: readonly SeedingMethod[] = ['kmeans++', 'random'];
const CENTROID_RULES: readonly CentroidRuleName[] = ['frechet', 'normalized-mean'];

/** Fills in defaults and throws a `RangeError` naming the first invalid option. */
export function resolveOptions(options: SphericalKMeansOptions): ResolvedOptions {
  const { tolerance = DEFAULT_TOLERANCE, maxIterations = DEFAULT_MAX_ITERATIONS } = options;
  const { init = 'kmeans++', centroid = 'frechet' } = options;
  if ((options.random === undefined) === (options.seed === undefined)) {
    throw new RangeError('sphericalKMeans: give exactly one of options.random and options.seed');
  }
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(`sphericalKMeans: options.tolerance must be finite and ≥ 0, got ${tolerance}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(
      `sphericalKMeans: options.maxIterations must be an integer ≥ 0, got ${maxIterations}`,
    );
  }
  if (!SEEDING_METHODS.includes(init)) {
    throw new RangeError(
      `sphericalKMeans: options.init must be one of ${SEEDING_METHODS.join(', ')}, got ${init}`,
    );
  }
  if (!CENTROID_RULES.includes(centroid)) {
    throw new RangeError(
      `sphericalKMeans: options.centroid must be one of ${CENTROID_RULES.join(', ')}, got ${centroid}`,
    );
  }
  const random = options.random ?? createRandom(options.seed!);
  return { random, tolerance, maxIterations, init, centroid };
}
