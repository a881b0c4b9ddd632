import { PickleFramer } from './pickle-framer.js';
import { Op } from './pickle-opcodes.js';

/** What {@link picklePython} writes: `str`, `int`, `list` and `tuple`, nested. */
export type PicklableValue = string | bigint | readonly PicklableValue[] | PicklableTuple;

export interface PicklableTuple {
  readonly kind: 'tuple';
  readonly items: readonly PicklableValue[];
}

/** Python appends list items in batches of this many (`MARK … APPENDS`). */
const BATCH_SIZE = 1000;

/**
 * Pickles a value with protocol 4 byte for byte as CPython 3.8+ `pickle.dumps(value, protocol=4)`
 * (the C pickler): same opcodes, memo (`MEMOIZE` after every string, list and tuple), batching and
 * framing. One difference is deliberate: Python memoizes by object identity, so a string object
 * that occurs twice is written once and then fetched (`BINGET`); JavaScript strings have no
 * identity, so every occurrence is written. Lists of distinct strings (file names) match exactly.
 */
export function picklePython(value: PicklableValue): Uint8Array {
  const framer = new PickleFramer();
  const pickler = { framer, memoSize: 0 };
  framer.writeUnframed([Op.PROTO, 4]);
  save(pickler, value);
  framer.write([Op.STOP]);
  return framer.finish();
}

interface Pickler {
  readonly framer: PickleFramer;
  memoSize: number;
}

function save(pickler: Pickler, value: PicklableValue): void {
  if (typeof value === 'string') saveString(pickler, value);
  else if (typeof value === 'bigint') saveInt(pickler.framer, value);
  else if (Array.isArray(value)) saveList(pickler, value);
  else saveTuple(pickler, value as PicklableTuple);
  pickler.framer.boundary();
}

function memoize(pickler: Pickler): void {
  pickler.framer.write([Op.MEMOIZE]);
  pickler.memoSize += 1;
}

function saveString(pickler: Pickler, value: string): void {
  const utf8 = new TextEncoder().encode(value);
  const size = utf8.length;
  const header =
    size < 256
      ? [Op.SHORT_BINUNICODE, size]
      : size <= 0xffffffff
        ? [Op.BINUNICODE, ...littleEndian(BigInt(size), 4)]
        : [Op.BINUNICODE8, ...littleEndian(BigInt(size), 8)];
  pickler.framer.writeWithPayload(header, utf8);
  memoize(pickler);
}

/** BININT1 / BININT2 for small non-negative ints, BININT for 32-bit, LONG1 beyond (as CPython). */
function saveInt(framer: PickleFramer, value: bigint): void {
  if (value >= 0n && value <= 0xffn) framer.write([Op.BININT1, Number(value)]);
  else if (value >= 0n && value <= 0xffffn) framer.write([Op.BININT2, ...littleEndian(value, 2)]);
  else if (value >= -(2n ** 31n) && value < 2n ** 31n) framer.write([Op.BININT, ...littleEndian(value, 4)]);
  else {
    const bytes = minimalTwosComplement(value);
    if (bytes.length > 255)
      throw new RangeError('integers beyond 2040 bits need LONG4, which is not written');
    framer.write([Op.LONG1, bytes.length, ...bytes]);
  }
}

/** `EMPTY_LIST MEMOIZE`, then one `item APPEND` or batches of `MARK items… APPENDS`. */
function saveList(pickler: Pickler, items: readonly PicklableValue[]): void {
  pickler.framer.write([Op.EMPTY_LIST]);
  memoize(pickler);
  if (items.length === 1) {
    save(pickler, items[0]!);
    pickler.framer.write([Op.APPEND]);
    return;
  }
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    pickler.framer.write([Op.MARK]);
    for (const item of items.slice(start, start + BATCH_SIZE)) save(pickler, item);
    pickler.framer.write([Op.APPENDS]);
  }
}

/** Tuples of up to three items use TUPLE1–3; longer ones `MARK items… TUPLE`. */
function saveTuple(pickler: Pickler, value: PicklableTuple): void {
  const { items } = value;
  if (items.length === 0) {
    pickler.framer.write([Op.EMPTY_TUPLE]);
    return;
  }
  if (items.length > 3) pickler.framer.write([Op.MARK]);
  for (const item of items) save(pickler, item);
  pickler.framer.write([items.length > 3 ? Op.TUPLE : Op.TUPLE1 + items.length - 1]);
  memoize(pickler);
}

function littleEndian(value: bigint, width: number): number[] {
  return Array.from({ length: width }, (_, i) => Number(BigInt.asUintN(8, value >> BigInt(8 * i))));
}

/** Shortest little-endian two's complement of `value` (CPython's `encode_long`). */
function minimalTwosComplement(value: bigint): number[] {
  let width = 1;
  while (value < -(1n << BigInt(8 * width - 1)) || value >= 1n << BigInt(8 * width - 1)) width++;
  return littleEndian(value, width);
}
