import { createRandom, fillNormal, type Random } from '@halp/random';
import fc from 'fast-check';

/** Shared fast-check generators: points on the sphere and pairs at a controlled geodesic angle. */

export function gaussianVector(random: Random, dim: number): Float64Array {
  return fillNormal(random, new Float64Array(dim));
}

function unit(v: Float64Array): Float64Array {
  let squared = 0;
  for (const value of v) squared += value * value;
  return v.map((value) => value / Math.sqrt(squared));
}

/** A uniformly random unit vector, reproducible from a seed (independent of the package's own code). */
export function randomUnit(random: Random, dim: number): Float64Array {
  return unit(gaussianVector(random, dim));
}

/** A random unit vector orthogonal to the unit vector `a` (Gram–Schmidt on a Gaussian draw). */
export function randomOrthogonalUnit(random: Random, a: Float64Array): Float64Array {
  const g = gaussianVector(random, a.length);
  let along = 0;
  for (let i = 0; i < a.length; i += 1) along += g[i]! * a[i]!;
  return unit(g.map((value, i) => value - along * a[i]!));
}

export const dimension = fc.integer({ min: 2, max: 256 });

/** A geodesic angle in [0, π], with extra weight on the ill-conditioned ends (tiny Ω and π − tiny). */
export const angle = fc.oneof(
  fc.double({ min: 0, max: Math.PI, noNaN: true }),
  fc.double({ min: -15, max: -2, noNaN: true }).map((exponent) => 10 ** exponent),
  fc.double({ min: -15, max: -2, noNaN: true }).map((exponent) => Math.PI - 10 ** exponent),
);

export interface UnitPair {
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** The angle b was constructed at: b = cos Ω·a + sin Ω·e with a unit e ⟂ a. */
  readonly omega: number;
}

/** A pair of unit vectors at a chosen geodesic angle, in a random plane of a random dimension. */
export const unitPairAtAngle: fc.Arbitrary<UnitPair> = fc
  .record({ dim: dimension, seed: fc.integer(), omega: angle })
  .map(({ dim, seed, omega }) => {
    const random = createRandom(seed);
    const a = randomUnit(random, dim);
    const e = randomOrthogonalUnit(random, a);
    const b = a.map((value, i) => Math.cos(omega) * value + Math.sin(omega) * e[i]!);
    return { a, b, omega };
  });

/** Two independent uniformly random unit vectors of a random dimension. */
export const randomUnitPair = fc.record({ dim: dimension, seed: fc.integer() }).map(({ dim, seed }) => {
  const random = createRandom(seed);
  return { a: randomUnit(random, dim), b: randomUnit(random, dim) };
});

export const interpolation = fc.double({ min: 0, max: 1, noNaN: true });

export function euclideanNorm(v: ArrayLike<number>): number {
  let squared = 0;
  for (let i = 0; i < v.length; i += 1) squared += v[i]! * v[i]!;
  return Math.sqrt(squared);
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

export function isFiniteVector(v: ArrayLike<number>): boolean {
  return Array.from(v).every(Number.isFinite);
}
