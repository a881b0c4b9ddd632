import { halpLoss } from '@halp/hallucinate';
import { dot, type Matrix, matrixFromRows, matrixRow } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lossBatch } from './arbitraries.js';

const batch = lossBatch(0.01);

/** The loss as the builder writes it: a list of the kept (query, positive) pairs, then their mean. */
function builderLoss(queries: Matrix, positives: Matrix, keep: number[], temperature: number): number {
  const perQuery = positives.rows / queries.rows;
  const kept = keep.flatMap((k, i) =>
    k ? [dot(matrixRow(queries, Math.floor(i / perQuery)), matrixRow(positives, i))] : [],
  );
  return -kept.reduce((sum, logit) => sum + logit / temperature, 0) / kept.length;
}

describe('halpLoss', () => {
  it('is minus the mean kept logit z_q·z_H/τ over the whole batch', () => {
    fc.assert(
      fc.property(batch, ({ queries, positives, keep, temperature }) => {
        fc.pre(keep.some((k) => k === 1));
        expect(halpLoss(queries, positives, keep, temperature)).toBeCloseTo(
          builderLoss(queries, positives, keep, temperature),
          10,
        );
      }),
    );
  });

  it('is bounded by ±1/τ for unit vectors, reaching −1/τ when every query equals its kept positives', () => {
    fc.assert(
      fc.property(batch, ({ queries, positives, keep, temperature }) => {
        const loss = halpLoss(queries, positives, keep, temperature);
        expect(Math.abs(loss)).toBeLessThanOrEqual(1 / temperature + 1e-9);
        const perQuery = positives.rows / queries.rows;
        const copies = matrixFromRows(
          Array.from({ length: positives.rows }, (_, i) => matrixRow(queries, Math.floor(i / perQuery))),
        );
        expect(
          halpLoss(
            queries,
            copies,
            keep.map(() => 1),
            temperature,
          ),
        ).toBeCloseTo(-1 / temperature, 9);
      }),
    );
  });

  it('ignores positives that are not kept', () => {
    fc.assert(
      fc.property(batch, ({ queries, positives, keep, temperature }) => {
        const scrambled = matrixFromRows(
          Array.from({ length: positives.rows }, (_, i) =>
            keep[i] ? matrixRow(positives, i) : matrixRow(queries, 0).map((x) => -x),
          ),
        );
        expect(halpLoss(queries, scrambled, keep, temperature)).toBe(
          halpLoss(queries, positives, keep, temperature),
        );
      }),
    );
  });

  it('is exactly 0 (not NaN, not −0) when nothing is kept', () => {
    fc.assert(
      fc.property(batch, ({ queries, positives, keep, temperature }) => {
        expect(
          Object.is(
            halpLoss(
              queries,
              positives,
              keep.map(() => 0),
              temperature,
            ),
            0,
          ),
        ).toBe(true);
      }),
    );
  });

  it('rejects a non-positive temperature and mismatched shapes', () => {
    const queries = matrixFromRows([[1, 0]]);
    const positives = matrixFromRows([
      [1, 0],
      [0, 1],
    ]);
    expect(() => halpLoss(queries, positives, [1, 1], 0)).toThrow(/temperature/);
    expect(() => halpLoss(queries, positives, [1], 0.1)).toThrow(/keep/);
    expect(() =>
      halpLoss(
        matrixFromRows([
          [1, 0],
          [0, 1],
        ]),
        matrixFromRows([[1, 0]]),
        [1],
        0.1,
      ),
    ).toThrow(/per query/);
  });
});
