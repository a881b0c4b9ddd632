/**
 * The pickle opcodes this package reads and writes: those that Python's pickler (protocols 2–5)
 * emits for `(names, labels)` label files (with NumPy scalars) and for `torch.save` checkpoints
 * (dicts, persistent ids). Values from CPython's `Lib/pickle.py`.
 */
export const Op = {
  PROTO: 0x80,
  FRAME: 0x95,
  STOP: 0x2e, // '.'
  MARK: 0x28, // '('
  EMPTY_LIST: 0x5d, // ']'
  APPEND: 0x61, // 'a'
  APPENDS: 0x65, // 'e'
  EMPTY_TUPLE: 0x29, // ')'
  EMPTY_DICT: 0x7d, // '}'
  SETITEM: 0x73, // 's'
  SETITEMS: 0x75, // 'u'
  BINPERSID: 0x51, // 'Q'
  TUPLE: 0x74, // 't'
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  NONE: 0x4e, // 'N'
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BININT: 0x4a, // 'J'
  BININT1: 0x4b, // 'K'
  BININT2: 0x4d, // 'M'
  LONG1: 0x8a,
  BINFLOAT: 0x47, // 'G'
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE: 0x58, // 'X'
  BINUNICODE8: 0x8d,
  SHORT_BINBYTES: 0x43, // 'C'
  BINBYTES: 0x42, // 'B'
  BINBYTES8: 0x8e,
  GLOBAL: 0x63, // 'c'
  STACK_GLOBAL: 0x93,
  REDUCE: 0x52, // 'R'
  BUILD: 0x62, // 'b'
  BINPUT: 0x71, // 'q'
  LONG_BINPUT: 0x72, // 'r'
  MEMOIZE: 0x94,
  BINGET: 0x68, // 'h'
  LONG_BINGET: 0x6a, // 'j'
} as const;

const NAMES = new Map<number, string>(Object.entries(Op).map(([name, code]) => [code, name]));

/** `SHORT_BINUNICODE`, or `0x55 'U'` for an opcode outside this subset. */
export function opcodeName(code: number): string {
  const known = NAMES.get(code);
  if (known !== undefined) return known;
  const printable = code >= 0x20 && code < 0x7f ? ` '${String.fromCharCode(code)}'` : '';
  return `0x${code.toString(16).padStart(2, '0')}${printable}`;
}
