import { swapByteOrderInPlace } from './byte-order.js';
import { dtypeFromKind, HOST_LITTLE_ENDIAN, itemSize, typedArrayView } from './dtype.js';
import { isKind, type NumpyDtype, type NumpyScalar, type PickleValue, pythonRepr } from './pickle-value.js';

/** Why a call or a state could not be applied: what was expected, what was found. */
export interface CallFailure {
  readonly kind: 'failure';
  readonly expected: string;
  readonly found: string;
}

/** A `CallFailure` quoting the value found in Python's terms. */
export const callFailure = (expected: string, found: PickleValue | undefined): CallFailure => ({
  kind: 'failure',
  expected,
  found: found === undefined ? 'nothing' : pythonRepr(found),
});

/** How pickle `REDUCE` applies an allowed global to its arguments. */
export type GlobalCall = (args: readonly PickleValue[]) => PickleValue | CallFailure;

/**
 * What a pickle may do beyond building plain values. A pickle can name any Python function
 * (`os.system` included), so every global outside `globals` is refused before it is used.
 */
export interface UnpicklePolicy {
  /** What is read with this policy, for messages (`label files`, `PyTorch checkpoints`). */
  readonly content: string;
  /** The globals a pickle may name; `null` marks one that may be named (a type tag) but not called. */
  readonly globals: ReadonlyMap<string, GlobalCall | null>;
  /** Resolves a persistent id (pickle `BINPERSID`); without it persistent ids are refused. */
  readonly persistentLoad?: (id: PickleValue) => PickleValue | CallFailure;
}

/**
 * The callables NumPy uses to pickle a scalar (and protocol 2's `bytes`). Both NumPy 1.x
 * (`numpy.core`) and NumPy 2 (`numpy._core`) module paths are accepted.
 */
export const NUMPY_SCALAR_GLOBALS: ReadonlyMap<string, GlobalCall> = new Map<string, GlobalCall>([
  ['numpy.core.multiarray.scalar', makeScalar],
  ['numpy._core.multiarray.scalar', makeScalar],
  ['numpy.dtype', makeDtype],
  ['_codecs.encode', latin1Encode],
]);

/** The policy of `(names, labels)` label files: NumPy scalars only. */
export const LABEL_PICKLE_POLICY: UnpicklePolicy = { content: 'label files', globals: NUMPY_SCALAR_GLOBALS };

/** The only callables a label pickle may invoke (see {@link LABEL_PICKLE_POLICY}). */
export const ALLOWED_GLOBALS: readonly string[] = [...NUMPY_SCALAR_GLOBALS.keys()];

/** `numpy.dtype('i8', False, True)`: the type code; the byte order comes later, from BUILD. */
function makeDtype([code]: readonly PickleValue[]): NumpyDtype | CallFailure {
  const match = typeof code === 'string' ? /^([<>|=]?)([biuf])(\d)$/.exec(code) : null;
  const dtype = match === null ? undefined : dtypeFromKind(match[2]!, Number(match[3]));
  if (match === null || dtype === undefined)
    return callFailure('numpy.dtype of a bool, integer or float code', code);
  const order = match[1];
  return { kind: 'numpy.dtype', dtype, littleEndian: order === '<' || (order !== '>' && HOST_LITTLE_ENDIAN) };
}

/**
 * `numpy.dtype.__setstate__((3, '<', None, None, None, -1, -1, 0))` (version 4 appends metadata):
 * only the byte order matters for the simple dtypes accepted here; sub-arrays and fields are refused.
 */
export function setDtypeState(dtype: NumpyDtype, state: PickleValue): CallFailure | undefined {
  const [version, order, subarray, names, fields] = isKind(state, 'tuple') ? state.items : [];
  const simple = subarray === null && names === null && fields === null;
  if ((version !== 3n && version !== 4n) || typeof order !== 'string' || !/^[<>|=]$/.test(order) || !simple) {
    return callFailure("a simple numpy.dtype state (3, '<', None, None, None, …)", state);
  }
  if (order === '<' || order === '>') dtype.littleEndian = order === '<';
  return undefined;
}

/** `numpy.core.multiarray.scalar(dtype, raw_bytes)`: the value decoded from its stored bytes. */
function makeScalar([dtype, raw]: readonly PickleValue[]): NumpyScalar | CallFailure {
  if (dtype === undefined || !isKind(dtype, 'numpy.dtype')) {
    return callFailure('scalar(dtype, bytes) with a numpy.dtype first', dtype);
  }
  const size = itemSize(dtype.dtype);
  if (!(raw instanceof Uint8Array) || raw.length !== size) {
    return callFailure(`scalar(dtype, bytes) with ${size} bytes for ${dtype.dtype}`, raw);
  }
  const bytes = new Uint8Array(raw);
  if (dtype.littleEndian !== HOST_LITTLE_ENDIAN) swapByteOrderInPlace(bytes, size);
  return {
    kind: 'numpy.scalar',
    dtype: dtype.dtype,
    value: typedArrayView(dtype.dtype, bytes.buffer, 0, 1)[0]!,
  };
}

/**
 * `_codecs.encode(text, 'latin1')`: how protocol 2 stores `bytes` (it has no bytes opcode). Each
 * character is one byte, so every code point must be below 256.
 */
function latin1Encode([text, encoding]: readonly PickleValue[]): Uint8Array | CallFailure {
  if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1')) {
    return callFailure("_codecs.encode(str, 'latin1')", encoding ?? text);
  }
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return callFailure('latin-1 characters (below U+0100)', text);
    bytes[i] = code;
  }
  return bytes;
}
