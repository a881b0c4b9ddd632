import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from '../io/errors.js';
import { parseDecimal, quoteToken, textLines } from './number-tokens.js';

/** One labelled action interval of a PKU-MMD recording. */
export interface PkuActionInstance {
  /** Action class, 0-based (the file's label − 1). */
  readonly label: number;
  /** First frame of the interval (row of the skeleton file, 0-based). */
  readonly start: number;
  /** One past the last frame: the interval is the rows `[start, end)`. */
  readonly end: number;
  readonly confidence: number;
}

const FIELDS = ['label', 'start', 'end', 'confidence'] as const;

/**
 * Parses a PKU-MMD `label/<name>.txt`: one `label,start,end,confidence` line per action instance
 * (label 1-based), blank lines skipped. Any number of lines is valid, one included (the reference's
 * `np.loadtxt` returns a 1-d array for a single line and then crashes). The label must be an
 * integer ≥ 1 and the frames integers with `0 ≤ start < end`.
 */
export function parsePkuLabels(text: string, file: string): Either<DataFileError, PkuActionInstance[]> {
  const instances: PkuActionInstance[] = [];
  for (const [index, line] of textLines(text).entries()) {
    if (line.trim() === '') continue;
    const fail = (where: string, expected: string, found: string) =>
      left(dataFileError('pku-label', file, `line ${index + 1}${where}`, expected, found));
    const tokens = line.split(',').map((token) => token.trim());
    if (tokens.length !== FIELDS.length) {
      return fail('', `${FIELDS.length} comma-separated numbers (${FIELDS.join(',')})`, `${tokens.length}`);
    }
    const numbers: number[] = [];
    for (const [column, token] of tokens.entries()) {
      const value = parseDecimal(token);
      if (value === undefined) return fail(` (${FIELDS[column]})`, 'a finite number', quoteToken(token));
      numbers.push(value);
    }
    const [label, start, end, confidence] = numbers as [number, number, number, number];
    if (!Number.isInteger(label) || label < 1) return fail(' (label)', 'an integer ≥ 1', `${label}`);
    if (!Number.isInteger(start) || start < 0) return fail(' (start)', 'an integer ≥ 0', `${start}`);
    if (!Number.isInteger(end) || end <= start)
      return fail(' (end)', `an integer > start (${start})`, `${end}`);
    instances.push({ label: label - 1, start, end, confidence });
  }
  return right(instances);
}
