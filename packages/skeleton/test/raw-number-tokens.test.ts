import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount, parseDecimal } from '../src/raw/number-tokens.js';

describe('parseDecimal', () => {
  it('reads every decimal JavaScript prints, within the float32 range', () => {
    fc.assert(
      fc.property(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }), (value) => {
        expect(parseDecimal(String(value))).toBe(value + 0);
      }),
    );
  });

  it.each(['1', '-0.5', '+2.', '.25', '1e-3', '-4.5E+2', '0009'])('reads %j', (token) => {
    expect(parseDecimal(token)).toBe(Number(token));
  });

  it.each([
    '',
    'nan',
    'NaN',
    'inf',
    'Infinity',
    '-Infinity',
    '0x10',
    '0b1',
    '0o7',
    '1_0',
    '1e',
    '.',
    '0.2x41',
    '1e999',
  ])('rejects %j', (token) => {
    expect(parseDecimal(token)).toBeUndefined();
  });
});

describe('parseCount', () => {
  it.each([
    ['25', 25],
    ['+3', 3],
    ['0', 0],
  ])('reads %j', (token, value) => {
    expect(parseCount(token)).toBe(value);
  });

  it.each(['-1', '2.0', '1e3', '', '99999999999999999999'])('rejects %j', (token) => {
    expect(parseCount(token)).toBeUndefined();
  });
});
