import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanAndSpread, resultsTable } from '../src/report/index.js';

describe('meanAndSpread', () => {
  it('uses the sample standard deviation (n − 1)', () => {
    expect(meanAndSpread([0.5, 0.7]).mean).toBeCloseTo(0.6, 12);
    expect(meanAndSpread([0.5, 0.7]).std).toBeCloseTo(Math.SQRT2 / 10, 12);
    // 2, 4, 4, 4, 5, 5, 7, 9: squared deviations sum to 32 around the mean 5, so s = √(32/7).
    expect(meanAndSpread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: Math.sqrt(32 / 7) });
    expect(meanAndSpread([0.42])).toEqual({ mean: 0.42, std: 0 });
    expect(() => meanAndSpread([])).toThrow(RangeError);
  });

  it('moves with a shift, scales with a factor, and is 0 for repeated values', () => {
    const values = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(values, fc.double({ min: -10, max: 10, noNaN: true }), (xs, c) => {
        const base = meanAndSpread(xs);
        const shifted = meanAndSpread(xs.map((x) => x + c));
        const scaled = meanAndSpread(xs.map((x) => x * c));
        expect(shifted.mean).toBeCloseTo(base.mean + c, 9);
        expect(shifted.std).toBeCloseTo(base.std, 9);
        expect(scaled.std).toBeCloseTo(Math.abs(c) * base.std, 9);
        expect(meanAndSpread(xs.map(() => xs[0]!)).std).toBeCloseTo(0, 12);
      }),
    );
  });
});

describe('resultsTable', () => {
  const rows = [
    { method: 'ISC', protocol: 'linear', values: [0.5, 0.7] },
    { method: 'HaLP', protocol: 'linear', values: [0.62, 0.64, 0.6] },
    { method: 'HaLP', protocol: 'kNN', values: [0.55] },
  ];

  it('prints mean ± std in percent with one decimal, methods × protocols in order of appearance', () => {
    const { text } = resultsTable(rows);
    const lines = text.split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['method', 'linear', 'kNN']);
    expect(lines[2]!.split(/\s{2,}/)).toEqual(['ISC', '60.0 ± 14.1', '—']);
    expect(lines[3]!.split(/\s{2,}/)).toEqual(['HaLP', '62.0 ± 2.0', '55.0']);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('writes the same table in Markdown, escaping pipes', () => {
    const { markdown } = resultsTable([...rows, { method: 'a|b', protocol: 'linear', values: [1] }]);
    expect(markdown.split('\n')).toEqual([
      '| method | linear | kNN |',
      '| :--- | ---: | ---: |',
      '| ISC | 60.0 ± 14.1 | — |',
      '| HaLP | 62.0 ± 2.0 | 55.0 |',
      '| a\\|b | 100.0 | — |',
    ]);
  });

  it('pools repeated (method, protocol) rows', () => {
    const pooled = resultsTable([
      { method: 'm', protocol: 'p', values: [0.5] },
      { method: 'm', protocol: 'p', values: [0.7] },
    ]);
    expect(pooled.markdown).toContain('| m | 60.0 ± 14.1 |');
  });
});
