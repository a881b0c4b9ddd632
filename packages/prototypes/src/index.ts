export type { CentroidRuleName, SeedingMethod, SphericalKMeansOptions } from './options.js';
export { type SphericalKMeansResult, sphericalKMeans } from './spherical-kmeans.js';
