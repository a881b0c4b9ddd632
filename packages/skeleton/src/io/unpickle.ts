import * as E from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from './errors.js';
import {
  type CallFailure,
  LABEL_PICKLE_POLICY,
  setDtypeState,
  type UnpicklePolicy,
} from './pickle-globals.js';
import { Op, opcodeName } from './pickle-opcodes.js';
import {
  emptyDict,
  isKind,
  isPickleKey,
  type PickleDict,
  type PickleValue,
  pythonRepr,
  pythonTypeName,
  tuple,
} from './pickle-value.js';

/**
 * Rebuilds the value of a Python pickle (protocols 2–5) with a stack machine that knows only the
 * opcodes of label files and checkpoints (see {@link Op}) and names only the globals of `policy`
 * (by default NumPy's scalars, for label files). Unlike Python's `pickle.load` it never runs
 * arbitrary code: any other global, opcode or malformed byte is an error naming the byte, the
 * opcode and what was expected.
 */
export function unpickle(
  bytes: Uint8Array,
  file: string,
  policy: UnpicklePolicy = LABEL_PICKLE_POLICY,
): E.Either<DataFileError, PickleValue> {
  return E.map((read: PickleRead) => read.value)(unpickleAt(bytes, file, policy, 0));
}

/** A pickle's value and the byte after its `STOP`. */
export interface PickleRead {
  readonly value: PickleValue;
  readonly end: number;
}

/**
 * Reads the pickle starting at byte `start` (files that hold several pickles one after the other,
 * as PyTorch's legacy format does); see {@link unpickle}. Positions in errors count from the start
 * of `bytes`.
 */
export function unpickleAt(
  bytes: Uint8Array,
  file: string,
  policy: UnpicklePolicy,
  start: number,
): E.Either<DataFileError, PickleRead> {
  try {
    const unpickler = new Unpickler(bytes, file, policy, start);
    const value = unpickler.run();
    return E.right({ value, end: unpickler.end });
  } catch (error) {
    if (error instanceof PickleFailure) return E.left(error.error);
    throw error;
  }
}

class PickleFailure extends Error {
  constructor(readonly error: DataFileError) {
    super(error.message);
  }
}

/** Marks "between opcodes" for messages. */
const NO_OPCODE = -1;

const utf8 = new TextDecoder('utf-8', { fatal: true });

class Unpickler {
  private position: number;
  /** Start of the opcode being executed, for messages. */
  private opcodeStart = 0;
  private opcode = NO_OPCODE;
  private readonly stack: PickleValue[] = [];
  /** Stack heights at each MARK (Python's metastack). */
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly policy: UnpicklePolicy,
    start: number,
  ) {
    this.position = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The byte after the last one read. */
  get end(): number {
    return this.position;
  }

  run(): PickleValue {
    for (;;) {
      this.opcodeStart = this.position;
      this.opcode = NO_OPCODE;
      if (this.position >= this.bytes.length) this.fail('an opcode (a pickle ends with STOP)', 'end of file');
      this.opcode = this.bytes[this.position++]!;
      if (this.opcode === Op.STOP) return this.pop();
      const produced = this.execute();
      if (produced !== undefined) this.stack.push(produced);
    }
  }

  /** Runs one opcode; returns the value it pushes, if any. */
  private execute(): PickleValue | undefined {
    switch (this.opcode) {
      case Op.PROTO: {
        const protocol = this.u8();
        if (protocol < 2 || protocol > 5) this.fail('protocol 2, 3, 4 or 5', `protocol ${protocol}`);
        return undefined;
      }
      case Op.FRAME: {
        const length = this.size(8);
        // Frames only group opcodes for buffering; checking the length catches truncation early, as Python does.
        this.need(length, 'bytes of frame');
        return undefined;
      }
      case Op.MARK:
        this.marks.push(this.stack.length);
        return undefined;
      case Op.EMPTY_LIST:
        return [];
      case Op.EMPTY_TUPLE:
        return tuple([]);
      case Op.EMPTY_DICT:
        return emptyDict();
      case Op.SETITEM: {
        const value = this.pop();
        const key = this.pop();
        this.setItem(this.dict(), key, value);
        return undefined;
      }
      case Op.SETITEMS: {
        const items = this.popToMark();
        if (items.length % 2 !== 0) this.fail('key, value pairs after MARK', `${items.length} values`);
        const dict = this.dict();
        for (let i = 0; i < items.length; i += 2) this.setItem(dict, items[i]!, items[i + 1]!);
        return undefined;
      }
      case Op.BINPERSID: {
        const id = this.pop();
        const load = this.policy.persistentLoad;
        if (load === undefined) this.fail(`no persistent ids in ${this.policy.content}`, pythonRepr(id));
        return this.succeeded(load(id));
      }
      case Op.APPEND: {
        const item = this.pop();
        this.list().push(item);
        return undefined;
      }
      case Op.APPENDS: {
        const items = this.popToMark();
        const list = this.list();
        // A loop, not push(...items): a batch can be longer than the engine's argument limit.
        for (const item of items) list.push(item);
        return undefined;
      }
      case Op.TUPLE:
        return tuple(this.popToMark());
      case Op.TUPLE1:
      case Op.TUPLE2:
      case Op.TUPLE3:
        return tuple(this.popMany(this.opcode - Op.TUPLE1 + 1));
      case Op.NONE:
        return null;
      case Op.NEWTRUE:
        return true;
      case Op.NEWFALSE:
        return false;
      case Op.BININT:
        return BigInt(this.read(4, 'bytes of int', (at) => this.view.getInt32(at, true)));
      case Op.BININT1:
        return BigInt(this.u8());
      case Op.BININT2:
        return BigInt(this.read(2, 'bytes of int', (at) => this.view.getUint16(at, true)));
      case Op.LONG1:
        return twosComplement(this.take(this.u8(), 'bytes of int'));
      case Op.BINFLOAT:
        return this.read(8, 'bytes of float', (at) => this.view.getFloat64(at, false));
      case Op.SHORT_BINUNICODE:
        return this.text(this.u8());
      case Op.BINUNICODE:
        return this.text(this.size(4));
      case Op.BINUNICODE8:
        return this.text(this.size(8));
      case Op.SHORT_BINBYTES:
        return this.take(this.u8(), 'bytes of bytes').slice();
      case Op.BINBYTES:
        return this.take(this.size(4), 'bytes of bytes').slice();
      case Op.BINBYTES8:
        return this.take(this.size(8), 'bytes of bytes').slice();
      case Op.GLOBAL: {
        const module = this.line();
        return this.global(module, this.line());
      }
      case Op.STACK_GLOBAL: {
        const name = this.pop();
        const module = this.pop();
        if (typeof module !== 'string' || typeof name !== 'string') {
          this.fail('module and name strings', `${pythonTypeName(module)}, ${pythonTypeName(name)}`);
        }
        return this.global(module, name);
      }
      case Op.REDUCE: {
        const args = this.pop();
        const callable = this.pop();
        if (!isKind(callable, 'global')) this.fail('an allowed global to call', pythonTypeName(callable));
        if (!isKind(args, 'tuple')) this.fail('an argument tuple', pythonTypeName(args));
        const call = this.policy.globals.get(callable.name);
        if (call === undefined || call === null)
          this.fail('a callable global', `${callable.name} (a type tag)`);
        return this.succeeded(call(args.items));
      }
      case Op.BUILD: {
        const state = this.pop();
        const target = this.top();
        if (isKind(target, 'dict')) {
          this.setAttributes(target, state);
          return undefined;
        }
        if (!isKind(target, 'numpy.dtype'))
          this.fail('a numpy.dtype or dict to set the state of', pythonTypeName(target));
        const failed = setDtypeState(target, state);
        if (failed !== undefined) this.succeeded(failed);
        return undefined;
      }
      case Op.BINPUT:
        this.memo.set(this.u8(), this.top());
        return undefined;
      case Op.LONG_BINPUT:
        this.memo.set(this.size(4), this.top());
        return undefined;
      case Op.MEMOIZE:
        this.memo.set(this.memo.size, this.top());
        return undefined;
      case Op.BINGET:
        return this.recall(this.u8());
      case Op.LONG_BINGET:
        return this.recall(this.size(4));
      default:
        this.fail(`an opcode of ${this.policy.content}`, opcodeName(this.opcode));
    }
  }

  private global(module: string, name: string): PickleValue {
    const qualified = `${module}.${name}`;
    if (!this.policy.globals.has(qualified)) {
      this.fail(
        `one of the allowed globals ${[...this.policy.globals.keys()].join(', ')}`,
        `${qualified} (refused: never executed)`,
      );
    }
    return { kind: 'global', name: qualified };
  }

  private dict(): PickleDict {
    const target = this.top();
    if (!isKind(target, 'dict')) this.fail('a dict to set items of', pythonTypeName(target));
    return target;
  }

  private setItem(dict: PickleDict, key: PickleValue, value: PickleValue): void {
    if (!isPickleKey(key)) this.fail('a str, int, float, bool or None key', pythonTypeName(key));
    dict.entries.set(key, value);
  }

  /** `BUILD` on a dict subclass (a state_dict's OrderedDict): `{name: value}` instance attributes. */
  private setAttributes(target: PickleDict, state: PickleValue): void {
    if (!isKind(state, 'dict')) this.fail('a dict of attributes', pythonTypeName(state));
    for (const [name, value] of state.entries) {
      if (typeof name !== 'string') this.fail('attribute names (str)', pythonTypeName(name));
      target.attributes.set(name, value);
    }
  }

  private succeeded<T extends PickleValue>(result: T | CallFailure): T {
    if (typeof result === 'object' && result !== null && 'kind' in result && result.kind === 'failure') {
      this.fail(result.expected, result.found);
    }
    return result as T;
  }

  private recall(index: number): PickleValue {
    const value = this.memo.get(index);
    if (value === undefined) this.fail(`a memo index below ${this.memo.size}`, `${index}`);
    return value;
  }

  private list(): PickleValue[] {
    const target = this.top();
    if (!Array.isArray(target)) this.fail('a list to append to', pythonTypeName(target));
    return target;
  }

  private top(): PickleValue {
    if (this.stack.length === 0 || this.stack.length === this.marks.at(-1))
      this.fail('a value on the stack', 'none');
    return this.stack[this.stack.length - 1]!;
  }

  private pop(): PickleValue {
    const value = this.top();
    this.stack.pop();
    return value;
  }

  private popMany(count: number): PickleValue[] {
    const floor = this.marks.at(-1) ?? 0;
    if (this.stack.length - floor < count)
      this.fail(`${count} values on the stack`, `${this.stack.length - floor}`);
    return this.stack.splice(this.stack.length - count, count);
  }

  private popToMark(): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.fail('a MARK before this opcode', 'none');
    return this.stack.splice(mark);
  }

  private u8(): number {
    return this.read(1, 'byte of argument', (at) => this.bytes[at]!);
  }

  /** A length or index stored in `width` little-endian bytes (4 or 8). */
  private size(width: 4 | 8): number {
    const value = this.read(width, 'bytes of length', (at) =>
      width === 4 ? this.view.getUint32(at, true) : Number(this.view.getBigUint64(at, true)),
    );
    if (!Number.isSafeInteger(value)) this.fail('a length below 2^53', `${value}`);
    return value;
  }

  private read<T>(count: number, what: string, decode: (at: number) => T): T {
    this.need(count, what);
    const value = decode(this.position);
    this.position += count;
    return value;
  }

  private take(count: number, what: string): Uint8Array {
    this.need(count, what);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  private text(length: number): string {
    const bytes = this.take(length, 'bytes of string');
    try {
      return utf8.decode(bytes);
    } catch {
      this.fail('UTF-8 text', 'invalid UTF-8', this.position - length);
    }
  }

  /** A newline-terminated ASCII argument (GLOBAL's module and name). */
  private line(): string {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) this.fail('a newline-terminated name', 'end of file', this.position);
    const bytes = this.bytes.subarray(this.position, end);
    if (bytes.some((byte) => byte >= 0x80)) this.fail('an ASCII name', 'non-ASCII bytes', this.position);
    this.position = end + 1;
    // ASCII checked above; no Buffer, so that this runs in browsers too.
    return String.fromCharCode(...bytes);
  }

  private need(count: number, what: string): void {
    const remaining = this.bytes.length - this.position;
    if (remaining < count)
      this.fail(`${count} ${what}`, `${remaining} bytes before end of file`, this.position);
  }

  /** Fails at the current opcode, or at byte `at` inside its argument. */
  private fail(expected: string, found: string, at = this.opcodeStart): never {
    const opcode = opcodeName(this.opcode);
    const where =
      this.opcode === NO_OPCODE
        ? `byte ${at}`
        : at === this.opcodeStart
          ? `byte ${at} (${opcode})`
          : `byte ${at} (${opcode} at byte ${this.opcodeStart})`;
    throw new PickleFailure(dataFileError('pickle', this.file, where, expected, found));
  }
}

/** Python's LONG1 payload: a little-endian two's-complement integer (empty means 0). */
function twosComplement(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  const negative = bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0;
  return negative ? value - (1n << BigInt(8 * bytes.length)) : value;
}
