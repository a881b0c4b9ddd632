// Public API of the io part of @halp/skeleton: NumPy .npy and Python pickle label files.

export type { DtypeKind, DtypeName, TypedArrayOf } from './dtype.js';
export { DTYPE_NAMES, dtypeKind, formatDescr, itemSize } from './dtype.js';
export type { DataFileError, DataFormat } from './errors.js';
export { DataFileException, dataFileError } from './errors.js';
export { decodeLabelPickle, encodeLabelPickle } from './label-pickle.js';
export type { LabelFile } from './label-values.js';
export type { NdArray } from './nd-array.js';
export { ndArray } from './nd-array.js';
export type { EncodeNpyOptions } from './npy-encode.js';
export { encodeNpy } from './npy-encode.js';
export type { NpyHeader, NpyVersion } from './npy-header.js';
export { parseNpyHeader } from './npy-header.js';
export { decodeNpy, requireDtype } from './npy-read.js';
export type { CallFailure, GlobalCall, UnpicklePolicy } from './pickle-globals.js';
export {
  ALLOWED_GLOBALS,
  callFailure,
  LABEL_PICKLE_POLICY,
  NUMPY_SCALAR_GLOBALS,
} from './pickle-globals.js';
export type {
  NumpyDtype,
  NumpyScalar,
  PickleDict,
  PickleExtension,
  PickleGlobal,
  PickleKey,
  PickleTuple,
  PickleValue,
} from './pickle-value.js';
export { isKind, isPickleKey, pythonRepr, pythonTypeName } from './pickle-value.js';
export type { PicklableTuple, PicklableValue } from './pickle-writer.js';
export { picklePython } from './pickle-writer.js';
export { toSafeIntegers } from './safe-integers.js';
export { elementCount } from './shape.js';
export type { PickleRead } from './unpickle.js';
export { unpickle, unpickleAt } from './unpickle.js';
