import { matrix, matrixFromRows } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy } from '../src/metrics/accuracy.js';
import { classificationReport } from '../src/metrics/classification-report.js';
import { confusionMatrix, perClassAccuracy } from '../src/metrics/confusion-matrix.js';
import { predictedClasses, topKAccuracy } from '../src/metrics/top-k-accuracy.js';

// Four samples, four classes; the true class ranks 1st, 2nd, 3rd and 4th respectively.
const scores = matrixFromRows([
  [0.9, 0.05, 0.03, 0.02],
  [0.5, 0.1, 0.3, 0.1],
  [0.1, 0.2, 0.4, 0.3],
  [4, 3, 2, 1],
]);
const labels = [0, 2, 1, 3];

const scoresAndLabels = fc
  .record({ rows: fc.integer({ min: 1, max: 12 }), classes: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, classes }) =>
    fc.record({
      scores: fc.array(fc.integer({ min: -3, max: 3 }), {
        minLength: rows * classes,
        maxLength: rows * classes,
      }),
      labels: fc.array(fc.nat(classes - 1), { minLength: rows, maxLength: rows }),
      rows: fc.constant(rows),
      classes: fc.constant(classes),
    }),
  );

describe('topKAccuracy', () => {
  it('counts a hit when the true class is among the k highest scores (hand-computed)', () => {
    expect(topKAccuracy(scores, labels, 1)).toBe(1 / 4);
    expect(topKAccuracy(scores, labels, 2)).toBe(2 / 4);
    expect(topKAccuracy(scores, labels, 3)).toBe(3 / 4);
    expect(topKAccuracy(scores, labels, 4)).toBe(1);
  });

  it('ranks equal scores lower class first', () => {
    const tied = matrixFromRows([[1, 1, 1]]);
    expect(topKAccuracy(tied, [0], 1)).toBe(1);
    expect(topKAccuracy(tied, [1], 1)).toBe(0);
    expect(topKAccuracy(tied, [1], 2)).toBe(1);
    expect(topKAccuracy(tied, [2], 2)).toBe(0);
  });

  it('is non-decreasing in k, 1 at k = classes, and top-1 equals the accuracy of predictedClasses', () => {
    fc.assert(
      fc.property(scoresAndLabels, ({ scores: values, labels: truth, rows, classes }) => {
        const m = matrix(rows, classes, values);
        let previous = 0;
        for (let k = 1; k <= classes; k += 1) {
          const value = topKAccuracy(m, truth, k);
          expect(value).toBeGreaterThanOrEqual(previous);
          previous = value;
        }
        expect(previous).toBe(1);
        expect(topKAccuracy(m, truth, 1)).toBe(accuracy(predictedClasses(m), truth));
      }),
    );
  });

  it('gives 0 without samples and rejects NaN scores, bad k and bad labels', () => {
    expect(topKAccuracy(matrix(0, 3), [], 1)).toBe(0);
    expect(() => topKAccuracy(matrixFromRows([[0, Number.NaN]]), [0], 1)).toThrow(RangeError);
    expect(() => topKAccuracy(scores, labels, 0)).toThrow(RangeError);
    expect(() => topKAccuracy(scores, labels, 5)).toThrow(RangeError);
    expect(() => topKAccuracy(scores, [0, 1, 2], 1)).toThrow(RangeError);
    expect(() => topKAccuracy(scores, [0, 1, 2, 4], 1)).toThrow(RangeError);
    expect(() => topKAccuracy(scores, [0, 1, 2, 0.5], 1)).toThrow(RangeError);
  });
});

describe('confusionMatrix and perClassAccuracy', () => {
  it('count (true, predicted) pairs (hand-computed)', () => {
    const confusion = confusionMatrix([0, 1, 1, 2, 0], [0, 1, 2, 2, 1], 4);
    // rows: true 0..3; columns: predicted 0..3
    expect(Array.from(confusion.counts)).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(perClassAccuracy(confusion)).toEqual([1, 0.5, 0.5, null]);
  });

  it('have row totals equal to the class counts and a diagonal summing to the correct predictions', () => {
    fc.assert(
      fc.property(scoresAndLabels, ({ scores: values, labels: truth, rows, classes }) => {
        const predictions = predictedClasses(matrix(rows, classes, values));
        const { counts } = confusionMatrix(predictions, truth, classes);
        let diagonal = 0;
        for (let t = 0; t < classes; t += 1) {
          const row = counts.subarray(t * classes, (t + 1) * classes).reduce((a, b) => a + b, 0);
          expect(row).toBe(truth.filter((label) => label === t).length);
          diagonal += counts[t * classes + t]!;
        }
        expect(diagonal / rows).toBe(accuracy(predictions, truth));
      }),
    );
  });

  it('reject labels or predictions outside the classes', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [-1, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([], [], 0)).toThrow(RangeError);
  });
});

describe('classificationReport', () => {
  it('bundles top-1, top-5 (capped at the class count), per-class accuracy and the confusion matrix', () => {
    const report = classificationReport(scores, labels);
    expect(report.top1).toBe(1 / 4);
    expect(report.top5).toBe(1);
    expect(report.perClass).toEqual([1, 0, 0, 0]);
    expect(report.confusion.counts[2 * 4 + 0]).toBe(1);
  });
});
