/**
 * The one error type of every reader and writer in this package. Readers return
 * `Either<DataFileError, T>` / `TaskEither<DataFileError, T>` (fp-ts): a broken file is a value that
 * names the file, where in it the problem is, what was expected and what was found.
 */
export interface DataFileError {
  readonly _tag: 'DataFileError';
  /** Which format or operation failed. */
  readonly format: DataFormat;
  /** Path of the file (or a caller-supplied name for in-memory buffers). */
  readonly file: string;
  /** Where in the file, in the format's own terms: `byte 128`, `line 57 (frame 3, body 0, joint 7)`. */
  readonly position: string;
  readonly expected: string;
  readonly found: string;
  /** One line for people: `file: at position: expected X, found Y`. */
  readonly message: string;
}

export type DataFormat =
  | 'npy'
  | 'pickle'
  | 'ntu-skeleton'
  | 'pku-skeleton'
  | 'pku-label'
  | 'split-list'
  | 'zip'
  | 'torch-checkpoint'
  | 'io';

export function dataFileError(
  format: DataFormat,
  file: string,
  position: string,
  expected: string,
  found: string,
): DataFileError {
  return {
    _tag: 'DataFileError',
    format,
    file,
    position,
    expected,
    found,
    message: `${file}: ${format} error at ${position}: expected ${expected}, found ${found}`,
  };
}

/**
 * Thrown form of a {@link DataFileError}, for code paths that cannot return an `Either` (streams,
 * iterators). `error` carries the structured value.
 */
export class DataFileException extends Error {
  override readonly name = 'DataFileException';
  constructor(readonly error: DataFileError) {
    super(error.message);
  }
}
