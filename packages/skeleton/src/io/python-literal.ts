import * as E from 'fp-ts/lib/Either.js';

/**
 * The values a `.npy` header dictionary holds: strings, booleans, integers and tuples of integers
 * (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`).
 */
export type HeaderLiteral = string | boolean | number | HeaderTuple;

export interface HeaderTuple {
  readonly tuple: readonly number[];
}

/** Where the text stopped matching: offset (in characters) into the parsed text. */
export interface LiteralSyntaxError {
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
}

/**
 * Parses a Python dictionary literal with string keys and {@link HeaderLiteral} values, the subset
 * NumPy's `safe_eval` of a header accepts in practice. Integers may carry Python 2's `L` suffix
 * (`(3L, 4L)`), which NumPy still reads in old version-1.0 files. `(3)` is an integer, as in Python,
 * not a tuple. Never evaluates anything.
 */
export function parseHeaderDict(
  text: string,
): E.Either<LiteralSyntaxError, ReadonlyMap<string, HeaderLiteral>> {
  const parser = new Parser(text);
  try {
    const dict = parser.dict();
    parser.end();
    return E.right(dict);
  } catch (error) {
    if (error instanceof SyntaxFailure) return E.left(error.detail);
    throw error;
  }
}

class SyntaxFailure extends Error {
  constructor(readonly detail: LiteralSyntaxError) {
    super(`at ${detail.offset}: expected ${detail.expected}, found ${detail.found}`);
  }
}

/** Sticky (anchored at `lastIndex`): matching never copies the rest of the text, so parsing stays linear. */
const INTEGER = /-?\d+L?/y;

class Parser {
  private offset = 0;
  constructor(private readonly text: string) {}

  dict(): Map<string, HeaderLiteral> {
    const entries = new Map<string, HeaderLiteral>();
    this.expect('{');
    while (!this.accept('}')) {
      const keyOffset = this.skipSpace();
      const key = this.string();
      if (entries.has(key)) this.fail('each key once', `a second '${key}'`, keyOffset);
      this.expect(':');
      entries.set(key, this.value());
      if (!this.accept(',')) {
        this.expect('}');
        break;
      }
    }
    return entries;
  }

  end(): void {
    this.skipSpace();
    if (this.offset < this.text.length) this.fail('end of the dictionary', this.describeNext());
  }

  private value(): HeaderLiteral {
    this.skipSpace();
    const next = this.text[this.offset];
    if (next === "'" || next === '"') return this.string();
    if (next === '(') return this.tupleOrParenthesised();
    if (this.acceptWord('True')) return true;
    if (this.acceptWord('False')) return false;
    return this.integer();
  }

  private tupleOrParenthesised(): HeaderLiteral {
    this.expect('(');
    const items: number[] = [];
    let sawComma = false;
    while (!this.accept(')')) {
      items.push(this.integer());
      if (this.accept(',')) {
        sawComma = true;
      } else {
        this.expect(')');
        break;
      }
    }
    // `(3)` is the integer 3 in Python; only `()`, `(3,)` and `(3, 4)` are tuples.
    if (items.length === 1 && !sawComma) return items[0]!;
    return { tuple: items };
  }

  private integer(): number {
    const start = this.skipSpace();
    INTEGER.lastIndex = start;
    const match = INTEGER.exec(this.text);
    if (match === null) this.fail('an integer, string, True, False or a tuple', this.describeNext());
    const digits = match[0].replace('L', '');
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) this.fail('an integer below 2^53', digits, start);
    this.offset = start + match[0].length;
    return value;
  }

  private string(): string {
    const start = this.skipSpace();
    const quote = this.text[start];
    if (quote !== "'" && quote !== '"') this.fail('a quoted string', this.describeNext());
    const close = this.text.indexOf(quote, start + 1);
    if (close < 0) this.fail(`a closing ${quote}`, 'end of header', this.text.length);
    const content = this.text.slice(start + 1, close);
    // Header strings are dtype codes and keys: escapes never occur, so refuse rather than misread.
    if (content.includes('\\')) this.fail('a string without escapes', content, start);
    this.offset = close + 1;
    return content;
  }

  private expect(token: string): void {
    if (!this.accept(token)) this.fail(`'${token}'`, this.describeNext());
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.offset)) return false;
    this.offset += token.length;
    return true;
  }

  private acceptWord(word: string): boolean {
    const after = this.text[this.offset + word.length];
    if (!this.text.startsWith(word, this.offset) || (after !== undefined && /\w/.test(after))) return false;
    this.offset += word.length;
    return true;
  }

  private skipSpace(): number {
    while (this.offset < this.text.length && /\s/.test(this.text[this.offset]!)) this.offset++;
    return this.offset;
  }

  private describeNext(): string {
    if (this.offset >= this.text.length) return 'end of header';
    return JSON.stringify(this.text.slice(this.offset, this.offset + 12));
  }

  private fail(expected: string, found: string, offset = this.offset): never {
    throw new SyntaxFailure({ offset, expected, found });
  }
}
