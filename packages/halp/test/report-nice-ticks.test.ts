import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks } from '../src/report/index.js';

const bound = fc.double({ min: -1e12, max: 1e12, noNaN: true });

describe('niceTicks', () => {
  it('covers the range with equally spaced ticks 1, 2 or 5 × 10^k apart', () => {
    fc.assert(
      fc.property(bound, bound, fc.integer({ min: 2, max: 10 }), (a, b, count) => {
        const ticks = niceTicks(a, b, count);
        expect(ticks[0]!).toBeLessThanOrEqual(Math.min(a, b));
        expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(Math.max(a, b));
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(2 * count + 2);
        const step = ticks[1]! - ticks[0]!;
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        expect([1, 2, 5, 10].some((nice) => Math.abs(mantissa - nice) < 1e-6)).toBe(true);
        for (let i = 1; i < ticks.length; i += 1) {
          expect(ticks[i]! - ticks[i - 1]!).toBeCloseTo(step, Math.max(0, -Math.log10(step) + 4));
        }
      }),
    );
  });

  it('widens a constant range to a visible one around the value', () => {
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    const ticks = niceTicks(0.5, 0.5);
    expect(ticks[0]!).toBeLessThan(0.5);
    expect(ticks[ticks.length - 1]!).toBeGreaterThan(0.5);
    expect(ticks).toContain(0.5);
    const subnormal = niceTicks(0, 5e-324);
    expect(subnormal[0]!).toBeLessThanOrEqual(0);
    expect(subnormal[subnormal.length - 1]!).toBeGreaterThanOrEqual(5e-324);
  });

  it('gives the textbook ticks for a plain range, also when the bounds are swapped', () => {
    expect(niceTicks(0, 10, 6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.03, 0.97, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 7, 3)).toEqual([-5, 0, 5, 10]);
    expect(niceTicks(10, 0, 6)).toEqual(niceTicks(0, 10, 6));
  });

  it('rejects bounds it cannot place ticks beyond, and senseless tick counts', () => {
    expect(() => niceTicks(Number.NaN, 1)).toThrow(RangeError);
    expect(() => niceTicks(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => niceTicks(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(RangeError);
    expect(() => niceTicks(0, 1, Number.NaN)).toThrow(RangeError);
    expect(() => niceTicks(0, 1, 0)).toThrow(RangeError);
  });
});

describe('formatTick', () => {
  it('labels neighbouring ticks differently', () => {
    fc.assert(
      fc.property(bound, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (low, span) => {
        const ticks = niceTicks(low, low + span);
        const step = ticks[1]! - ticks[0]!;
        const labels = ticks.map((tick) => formatTick(tick, step));
        expect(new Set(labels).size).toBe(labels.length);
        for (const label of labels) expect(label).not.toMatch(/NaN|Infinity/);
      }),
    );
  });

  it('prints round values without noise', () => {
    expect(niceTicks(0, 1).map((tick) => formatTick(tick, 0.2))).toEqual([
      '0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
    ]);
  });
});
