import * as E from 'fp-ts/lib/Either.js';
import { dtypeKind } from './dtype.js';
import { type DataFileError, dataFileError } from './errors.js';
import { isKind, type PickleValue, pythonTypeName } from './pickle-value.js';

/** The content of a `<part>_label.pkl` file: sample names and their 0-based class labels. */
export interface LabelFile {
  readonly names: readonly string[];
  readonly labels: readonly number[];
}

/**
 * Interprets an unpickled value as `(names, labels)`, accepting what the reference loaders accept
 * (`names, labels = pickle.load(f)`): a tuple or list of two sequences of equal length. Names must
 * be `str`; a label may be a Python `int`, any NumPy integer scalar (`np.int64`), or an integral
 * float (`np.float64(40.0)`, what PKU-MMD preprocessing stores). Labels must be non-negative safe
 * integers: a fractional, negative or huge label is an error naming its index, never rounded.
 */
export function labelFileFromPickle(value: PickleValue, file: string): E.Either<DataFileError, LabelFile> {
  const fail = (position: string, expected: string, found: string) =>
    E.left(dataFileError('pickle', file, position, expected, found));
  const pair = sequenceItems(value);
  if (pair === undefined || pair.length !== 2) {
    return fail('top level', 'a (names, labels) pair', describePair(value, pair));
  }
  const [nameValues, labelValues] = pair.map(sequenceItems);
  if (nameValues === undefined) return fail('names', 'a list of sample names', pythonTypeName(pair[0]!));
  if (labelValues === undefined) return fail('labels', 'a list of labels', pythonTypeName(pair[1]!));
  if (labelValues.length !== nameValues.length) {
    return fail('labels', `${nameValues.length} labels, one per name`, `${labelValues.length} labels`);
  }
  const names: string[] = [];
  for (const [index, name] of nameValues.entries()) {
    if (typeof name !== 'string') return fail(`names[${index}]`, 'a str', pythonTypeName(name));
    names.push(name);
  }
  const labels: number[] = [];
  for (const [index, labelValue] of labelValues.entries()) {
    const label = labelNumber(labelValue);
    if (label === undefined || !Number.isSafeInteger(label) || label < 0) {
      return fail(`labels[${index}]`, 'a non-negative integer class index', describeLabel(labelValue));
    }
    labels.push(label);
  }
  return E.right({ names, labels });
}

function sequenceItems(value: PickleValue): readonly PickleValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'tuple')
    return value.items;
  return undefined;
}

/** The label as a number if it is a Python int or float or a NumPy number (not bool); else undefined. */
function labelNumber(value: PickleValue): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (isKind(value, 'numpy.scalar') && dtypeKind(value.dtype) !== 'b') return Number(value.value);
  return undefined;
}

function describeLabel(value: PickleValue): string {
  const number = labelNumber(value);
  return number === undefined ? pythonTypeName(value) : `${pythonTypeName(value)} ${number}`;
}

function describePair(value: PickleValue, items: readonly PickleValue[] | undefined): string {
  return items === undefined ? pythonTypeName(value) : `a ${pythonTypeName(value)} of ${items.length} items`;
}
