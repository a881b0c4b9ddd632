// Number formatting for table cells and JSON results.

/** `value` rounded to `digits` decimals, as a number (for JSON results). */
export function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** `value` with `digits` decimals, or an empty cell when it is missing (null or undefined). */
export function fixed(value, digits) {
  return value === null || value === undefined ? '' : value.toFixed(digits);
}
