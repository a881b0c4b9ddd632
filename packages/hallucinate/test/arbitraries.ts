import { dot, type Matrix, matrixFromRows, norm, normalize } from '@halp/hypersphere';
import fc from 'fast-check';

/** A unit vector of dimension `dimension`, from a direction far enough from the origin to normalise well. */
export function unitVector(dimension: number): fc.Arbitrary<Float64Array> {
  return fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: dimension, maxLength: dimension })
    .filter((values) => norm(values) > 0.1)
    .map((values) => normalize(values));
}

/** `count` unit rows of dimension `dimension` as a matrix. */
export function unitMatrix(count: number, dimension: number): fc.Arbitrary<Matrix> {
  return fc.array(unitVector(dimension), { minLength: count, maxLength: count }).map(matrixFromRows);
}

/**
 * An anchor z with two prototypes ordered so that the first (P*) is at least as similar to z as the
 * second (P_sel), in a random dimension 2..8.
 */
export const anchorTriple = fc
  .integer({ min: 2, max: 8 })
  .chain((dimension) => fc.tuple(unitVector(dimension), unitVector(dimension), unitVector(dimension)))
  .map(([anchor, first, second]) =>
    dot(anchor, first) >= dot(anchor, second)
      ? { anchor, closest: first, selected: second }
      : { anchor, closest: second, selected: first },
  );

/** ranking(t) = sim(z(t), P*) − sim(z(t), P_sel): the constraint holds where it is ≥ 0. */
export function rankingMargin(
  point: ArrayLike<number>,
  closest: ArrayLike<number>,
  selected: ArrayLike<number>,
) {
  return dot(point, closest) - dot(point, selected);
}

/**
 * A HaLP loss batch: unit queries, `perQuery` unit positives each, a keep mask and a temperature in
 * [minTemperature, 1].
 */
export function lossBatch(minTemperature: number) {
  return fc
    .record({
      queries: fc.integer({ min: 1, max: 4 }),
      perQuery: fc.integer({ min: 1, max: 5 }),
      dimension: fc.integer({ min: 2, max: 6 }),
    })
    .chain(({ queries, perQuery, dimension }) =>
      fc.record({
        queries: unitMatrix(queries, dimension),
        positives: unitMatrix(queries * perQuery, dimension),
        keep: fc.array(fc.integer({ min: 0, max: 1 }), {
          minLength: queries * perQuery,
          maxLength: queries * perQuery,
        }),
        temperature: fc.double({ min: minTemperature, max: 1, noNaN: true }),
      }),
    );
}
