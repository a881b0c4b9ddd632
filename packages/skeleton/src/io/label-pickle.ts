import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { type DataFileError, dataFileError } from './errors.js';
import { type LabelFile, labelFileFromPickle } from './label-values.js';
import { picklePython } from './pickle-writer.js';
import { unpickle } from './unpickle.js';

/**
 * Decodes a `<part>_label.pkl` file: a pickle (protocol 2–5) of `(names, labels)` as written by the
 * NTU and PKU-MMD preprocessing scripts, labels as Python ints or NumPy scalars (NumPy 1.x or 2).
 */
export function decodeLabelPickle(bytes: Uint8Array, file: string): E.Either<DataFileError, LabelFile> {
  return pipe(
    unpickle(bytes, file),
    E.chain((value) => labelFileFromPickle(value, file)),
  );
}

/**
 * The bytes Python writes for `pickle.dump((names, labels), f, protocol=4)` with `list[str]` names
 * and `list[int]` labels (the default protocol of Python 3.8–3.13). Labels must be non-negative safe
 * integers and as many as the names; names must be well-formed Unicode (no lone surrogates). `file`
 * names the destination in errors.
 */
export function encodeLabelPickle(
  names: readonly string[],
  labels: readonly number[],
  file: string,
): E.Either<DataFileError, Uint8Array> {
  if (labels.length !== names.length) {
    return E.left(
      dataFileError('pickle', file, 'labels', `${names.length} labels, one per name`, `${labels.length}`),
    );
  }
  const badLabel = labels.findIndex((label) => !Number.isSafeInteger(label) || label < 0);
  if (badLabel >= 0) {
    const found = `${labels[badLabel]}`;
    return E.left(
      dataFileError('pickle', file, `labels[${badLabel}]`, 'a non-negative integer class index', found),
    );
  }
  const badName = names.findIndex((name) => LONE_SURROGATE.test(name));
  if (badName >= 0) {
    return E.left(
      dataFileError('pickle', file, `names[${badName}]`, 'well-formed Unicode', 'a lone surrogate'),
    );
  }
  return E.right(picklePython({ kind: 'tuple', items: [names, labels.map((label) => BigInt(label))] }));
}

/** Matches a UTF-16 surrogate that is not half of a pair (in `u` mode pairs are single code points). */
const LONE_SURROGATE = /\p{Cs}/u;
