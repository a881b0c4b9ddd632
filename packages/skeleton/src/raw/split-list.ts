import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from '../io/errors.js';
import { textLines } from './number-tokens.js';

/**
 * Parses a PKU-MMD split list (`cross_subject_v2.txt`, `cross_view_v2.txt`): line 2 holds the
 * comma-separated names of the training recordings (line 4, the validation names, is not needed:
 * validation is every recording not in training, as in the reference). Names are trimmed, so a
 * CRLF file or a missing space after a comma gives the same list (the reference would keep `\r`).
 */
export function parseSplitList(text: string, file: string): Either<DataFileError, string[]> {
  const lines = textLines(text);
  if (lines.length < 2) {
    return left(
      dataFileError('split-list', file, `line ${lines.length + 1}`, 'line 2: training names', 'end of file'),
    );
  }
  const names = lines[1]!
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    return left(
      dataFileError('split-list', file, 'line 2', 'comma-separated training names', 'an empty line'),
    );
  }
  return right(names);
}

/**
 * Parses the public list of NTU samples with missing skeletons (one name per line, with or
 * without the `.skeleton` suffix). Returns the names without suffix.
 */
export function parseMissingSkeletonList(text: string): string[] {
  return textLines(text)
    .map((line) => line.trim().replace(/\.skeleton$/, ''))
    .filter((name) => name !== '');
}
