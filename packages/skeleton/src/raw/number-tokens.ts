/**
 * Number syntax accepted in the text formats: decimal with optional fraction and exponent, finite
 * even in float32 (the dtype of the prepared arrays, where 1e39 would become Infinity). Stricter than
 * Python's `float()`, which accepts `nan` and `inf` and lets them spread through the reference.
 */
const NON_NEGATIVE_INTEGER = /^\+?\d+$/;
const ZERO = 0x30;
/** Lower-case `x`, `b`, `o`: the radix letters of `0x…`, `0b…`, `0o…` (`| 0x20` lower-cases ASCII letters). */
const RADIX_LETTERS = new Set([0x78, 0x62, 0x6f]);

/** The token as a number, or `undefined` when it is not a decimal number finite in float32. */
export function parseDecimal(token: string): number | undefined {
  // `Number` is the fast path (these files hold millions of tokens). Beyond decimals it accepts
  // '' (as 0), 'Infinity' and the prefixed literals 0x…, 0b…, 0o…, rejected here; tokens hold no
  // whitespace, which it would also skip.
  const value = Number(token);
  if (token === '' || !Number.isFinite(Math.fround(value))) return undefined;
  if (token.charCodeAt(0) === ZERO && RADIX_LETTERS.has(token.charCodeAt(1) | 0x20)) return undefined;
  return value;
}

/** The token as a non-negative safe integer, or `undefined`. */
export function parseCount(token: string): number | undefined {
  if (!NON_NEGATIVE_INTEGER.test(token)) return undefined;
  const value = Number(token);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Tokens of one line of a whitespace-separated text format. */
export function whitespaceTokens(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** A token quoted for an error message, shortened if long. */
export function quoteToken(token: string): string {
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}

/** Lines of a text file, accepting LF and CRLF endings. */
export function textLines(text: string): string[] {
  return text.split(/\r?\n/);
}
