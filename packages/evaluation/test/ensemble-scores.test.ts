import { type Matrix, matrix, matrixFromRows } from '@halp/hypersphere';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensembleFeatures } from '../src/ensemble-features.js';
import { ensembleScores } from '../src/ensemble-scores.js';
import { predictedClasses } from '../src/metrics/top-k-accuracy.js';

/**
 * 1–4 samples × 2–5 classes of finite values from `value`: integer scores (softmax keeps the order of
 * scores at least 1 apart; scores 1e-17 apart can round to the same probability) or real features.
 */
function matrices(value: fc.Arbitrary<number>): fc.Arbitrary<Matrix> {
  return fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), columns: fc.integer({ min: 2, max: 5 }) })
    .chain(({ rows, columns }) =>
      fc
        .array(value, { minLength: rows * columns, maxLength: rows * columns })
        .map((values) => matrix(rows, columns, values)),
    );
}

const scoreMatrices = matrices(fc.integer({ min: -20, max: 20 }));
// + 0 turns −0 into 0: the mean of −0 and −0 is stored as 0, an equal feature value.
const featureMatrices = matrices(fc.double({ min: -20, max: 20, noNaN: true }).map((value) => value + 0));

const combinations = ['logits', 'probabilities'] as const;

describe('ensembleScores', () => {
  it('of one stream ranks the classes as the stream does (its logits, or their softmax)', () => {
    fc.assert(
      fc.property(scoreMatrices, (scores) => {
        expect(Array.from(ensembleScores([scores], 'logits').data)).toEqual(Array.from(scores.data));
        const probabilities = ensembleScores([scores], 'probabilities');
        expect(predictedClasses(probabilities)).toEqual(predictedClasses(scores));
        for (let i = 0; i < scores.rows; i += 1) {
          const row = probabilities.data.subarray(i * scores.columns, (i + 1) * scores.columns);
          expect(Array.from(row).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('of two identical streams predicts what the stream predicts', () => {
    fc.assert(
      fc.property(scoreMatrices, fc.constantFrom(...combinations), (scores, combination) => {
        expect(predictedClasses(ensembleScores([scores, scores], combination))).toEqual(
          predictedClasses(scores),
        );
      }),
    );
  });

  it('sums the logits (CMD averages them: same ranking) or the softmax probabilities', () => {
    const a = matrixFromRows([[0, Math.log(3)]]);
    const b = matrixFromRows([[1, -2]]);
    expect(Array.from(ensembleScores([a, b]).data)).toEqual([1, Math.log(3) - 2]);
    const [p0, p1] = ensembleScores([a, b], 'probabilities').data;
    // softmax(a) = [1/4, 3/4]; softmax(b) = [e³, 1] / (e³ + 1).
    expect(p0).toBeCloseTo(1 / 4 + Math.exp(3) / (Math.exp(3) + 1), 12);
    expect(p1).toBeCloseTo(3 / 4 + 1 / (Math.exp(3) + 1), 12);
  });

  it('can predict a class that no stream predicts alone', () => {
    // Joint prefers class 0, motion class 1; both give class 2 a close second.
    const joint = matrixFromRows([[3, 0, 2.5]]);
    const motion = matrixFromRows([[0, 3, 2.5]]);
    expect([predictedClasses(joint)[0], predictedClasses(motion)[0]]).toEqual([0, 1]);
    for (const combination of combinations) {
      expect(predictedClasses(ensembleScores([joint, motion], combination))[0]).toBe(2);
    }
  });

  it('with probabilities, one over-confident stream no longer outvotes two others', () => {
    const confident = matrixFromRows([[20, 0]]);
    const others = matrixFromRows([[0, 5]]);
    const streams = [confident, others, others];
    expect(predictedClasses(ensembleScores(streams, 'logits'))[0]).toBe(0);
    expect(predictedClasses(ensembleScores(streams, 'probabilities'))[0]).toBe(1);
  });

  it('stays finite for huge logits and rejects what it cannot combine', () => {
    const huge = matrixFromRows([[1e308, -1e308, 0]]);
    expect(Array.from(ensembleScores([huge], 'probabilities').data)).toEqual([1, 0, 0]);
    expect(() => ensembleScores([])).toThrow(/no streams/);
    expect(() => ensembleScores([huge, matrixFromRows([[1, 2]])])).toThrow(/stream 1/);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => ensembleScores([huge, matrixFromRows([[0, bad, 0]])])).toThrow(/stream 1.*sample 0/);
    }
  });
});

describe('ensembleFeatures', () => {
  it('of one stream is the stream; of two identical streams too; otherwise the mean', () => {
    fc.assert(
      fc.property(featureMatrices, featureMatrices, (features, other) => {
        const single = Float32Array.from(features.data);
        expect(ensembleFeatures([features]).data).toEqual(single);
        expect(ensembleFeatures([features, features]).data).toEqual(single);
        if (other.rows === features.rows && other.columns === features.columns) {
          const mean = ensembleFeatures([features, other]).data;
          for (const [i, value] of mean.entries()) {
            expect(value).toBeCloseTo((features.data[i]! + other.data[i]!) / 2, 5);
          }
        }
      }),
    );
  });

  it('rejects no streams and streams of different shapes', () => {
    expect(() => ensembleFeatures([])).toThrow(/no streams/);
    expect(() => ensembleFeatures([matrix(2, 3), matrix(2, 4)])).toThrow(/stream 1/);
  });
});
