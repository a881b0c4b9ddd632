import {
  expMap,
  frechetMean,
  geodesicAngle,
  logMap,
  matrixFromRows,
  normalize,
  randomUnitVectors,
  slerp,
  type Vector,
} from '@halp/hypersphere';
import { createRandom, uniform } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dimension,
  euclideanNorm,
  maxAbsDifference,
  randomOrthogonalUnit,
  randomUnit,
} from './arbitraries.js';

/** A random cluster: `count` points within `spread` radians of a random centre. */
function cluster(seed: number, dim: number, count: number, spread: number): Float64Array[] {
  const random = createRandom(seed);
  const centre = randomUnit(random, dim);
  return Array.from({ length: count }, () => {
    const direction = randomOrthogonalUnit(random, centre);
    const radius = uniform(random, 0, spread);
    return expMap(
      centre,
      direction.map((v) => v * radius),
    );
  });
}

/** The Riemannian gradient of ½Σwᵢ Ω(m, pᵢ)²/Σwᵢ at m is −Σwᵢ log_m(pᵢ)/Σwᵢ; this returns its norm. */
function gradientNorm(m: Vector, points: readonly Vector[], weights?: readonly number[]): number {
  const total = weights?.reduce((sum, w) => sum + w, 0) ?? points.length;
  const sum = new Float64Array(m.length);
  points.forEach((point, j) => {
    const log = logMap(m, point);
    for (let i = 0; i < m.length; i += 1) sum[i] = sum[i]! + ((weights?.[j] ?? 1) / total) * log[i]!;
  });
  return euclideanNorm(sum);
}

function variance(m: Vector, points: readonly Vector[]): number {
  return points.reduce((sum, point) => sum + geodesicAngle(m, point) ** 2, 0);
}

const clusters = fc
  .record({
    seed: fc.integer(),
    dim: dimension,
    count: fc.integer({ min: 1, max: 40 }),
    spread: fc.double({ min: 0, max: 1.2, noNaN: true }),
  })
  .map(({ seed, dim, count, spread }) => cluster(seed, dim, count, spread));

describe('frechetMean', () => {
  it('is a stationary point of the variance: the mean log map vanishes (dims 2..256)', () => {
    fc.assert(
      fc.property(clusters, (points) => {
        const mean = frechetMean(points);
        expect(euclideanNorm(mean)).toBeCloseTo(1, 14);
        expect(gradientNorm(mean, points)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('has a smaller variance than nearby points and than the normalised Euclidean mean', () => {
    fc.assert(
      fc.property(clusters, fc.integer(), (points, seed) => {
        const mean = frechetMean(points);
        const best = variance(mean, points);
        const random = createRandom(seed);
        const nudge = randomOrthogonalUnit(random, mean).map((v) => v * 1e-3);
        expect(best).toBeLessThanOrEqual(variance(expMap(mean, nudge), points) + 1e-12);
        const euclidean = normalize(
          points.reduce((sum, p) => sum.map((v, i) => v + p[i]!), new Float64Array(mean.length)),
        );
        expect(best).toBeLessThanOrEqual(variance(euclidean, points) + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('averages arc lengths along one great circle (where the Euclidean mean does not)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        dimension,
        fc.array(fc.double({ min: 0, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (seed, dim, angles) => {
          const random = createRandom(seed);
          const start = randomUnit(random, dim);
          const direction = randomOrthogonalUnit(random, start);
          const along = (theta: number) =>
            expMap(
              start,
              direction.map((v) => v * theta),
            );
          const meanAngle = angles.reduce((sum, theta) => sum + theta, 0) / angles.length;
          expect(maxAbsDifference(frechetMean(angles.map(along)), along(meanAngle))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
    // Angles 0, 0, π/2: the Fréchet mean is at π/6, the normalised Euclidean mean at atan(1/2).
    const mean = frechetMean([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(Math.atan2(mean[1]!, mean[0]!)).toBeCloseTo(Math.PI / 6, 10);
  });

  it('puts the weighted mean of two points at the weight fraction along their geodesic', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        dimension,
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (seed, dim, omega, wa, wb) => {
          const random = createRandom(seed);
          const a = randomUnit(random, dim);
          const b = expMap(
            a,
            randomOrthogonalUnit(random, a).map((v) => v * omega),
          );
          const mean = frechetMean([a, b], { weights: [wa, wb] });
          expect(maxAbsDifference(mean, slerp(a, b, wb / (wa + wb)))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes the rows named by indices of a matrix, matching a copy of those rows', () => {
    const points = randomUnitVectors(30, 16, createRandom(5));
    const indices = Int32Array.from([3, 7, 8, 21, 29]);
    const rows = Array.from(indices, (i) => points.data.slice(i * 16, (i + 1) * 16));
    const weights = [1, 2, 3, 4, 5];
    expect(
      maxAbsDifference(frechetMean(points, { indices, weights }), frechetMean(rows, { weights })),
    ).toBeLessThan(1e-15);
    expect(gradientNorm(frechetMean(rows, { weights }), rows, weights)).toBeLessThan(1e-9);
  });

  it('honours tolerance, maxIterations and initial', () => {
    const points = cluster(1, 8, 20, 1);
    const start = points[0]!;
    expect(Array.from(frechetMean(points, { initial: start, maxIterations: 0 }))).toEqual(
      Array.from(normalize(start)),
    );
    const rough = frechetMean(points, { initial: start, tolerance: 1e-2 });
    expect(gradientNorm(rough, points)).toBeLessThanOrEqual(1e-2);
    expect(gradientNorm(frechetMean(points, { initial: start }), points)).toBeLessThan(1e-9);
  });

  it('returns the point itself for one point and for repeated points', () => {
    const p = [0.2, -0.4, 0.1];
    expect(maxAbsDifference(frechetMean([p]), normalize(p))).toBeLessThan(1e-15);
    expect(maxAbsDifference(frechetMean([p, p, p]), normalize(p))).toBeLessThan(1e-15);
  });

  it('handles points that sum to zero: a finite minimiser, equidistant from an antipodal pair', () => {
    const a = normalize([1, 2, 3]);
    const mean = frechetMean([a, a.map((v) => -v)]);
    expect(euclideanNorm(mean)).toBeCloseTo(1, 15);
    expect(geodesicAngle(mean, a)).toBeCloseTo(Math.PI / 2, 12);
    const cross = frechetMean([
      [1, 0, 0],
      [-1, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
    ]);
    expect(euclideanNorm(cross)).toBeCloseTo(1, 15);
    expect(
      gradientNorm(cross, [
        [1, 0, 0],
        [-1, 0, 0],
        [0, 1, 0],
        [0, -1, 0],
      ]),
    ).toBeLessThan(1e-9);
  });

  it('ignores zero vectors and zero weights', () => {
    const points = cluster(2, 5, 6, 0.5);
    const expected = frechetMean(points);
    expect(maxAbsDifference(frechetMean([...points, [0, 0, 0, 0, 0]]), expected)).toBeLessThan(1e-12);
    const far = [1, 1, 1, 1, 1];
    expect(
      maxAbsDifference(frechetMean([...points, far], { weights: [1, 1, 1, 1, 1, 1, 0] }), expected),
    ).toBeLessThan(1e-12);
  });

  it('rejects empty selections and invalid options', () => {
    expect(() => frechetMean([])).toThrow(RangeError);
    expect(() => frechetMean([[0, 0]])).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { weights: [0] })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { weights: [1, 1] })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { weights: [-1] })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { weights: [Number.NaN] })).toThrow(RangeError);
    expect(() => frechetMean(matrixFromRows([[1, 0]]), { indices: [1] })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0], [1]])).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { tolerance: -1 })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { maxIterations: 1.5 })).toThrow(RangeError);
    expect(() => frechetMean([[1, 0]], { initial: [1, 0, 0] })).toThrow(RangeError);
  });
});
