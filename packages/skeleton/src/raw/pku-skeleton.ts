import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from '../io/errors.js';
import { parseDecimal, quoteToken, textLines, whitespaceTokens } from './number-tokens.js';

/** Bodies per PKU-MMD frame line. */
export const PKU_BODIES = 2;
/** Kinect v2 joints per body. */
export const PKU_JOINTS = 25;
const VALUES_PER_FRAME = PKU_BODIES * PKU_JOINTS * 3;

/** A PKU-MMD `skeleton/<name>.txt`: one row per frame of 2 bodies × 25 joints × xyz. */
export interface PkuSkeleton {
  readonly file: string;
  readonly frameCount: number;
  /** `frameCount × 150`, row-major: body 0's 25 joints (xyz), then body 1's. */
  readonly values: Float64Array;
}

/**
 * Parses a PKU-MMD skeleton file. Blank lines are skipped (as NumPy's `loadtxt` does); every other
 * line must hold 150 finite numbers, otherwise the error names the line, the token and the body /
 * joint / axis it stands for. An absent second person is a row of zeros, as in the dataset.
 */
export function parsePkuSkeleton(text: string, file: string): Either<DataFileError, PkuSkeleton> {
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  for (const [index, line] of textLines(text).entries()) {
    const tokens = whitespaceTokens(line);
    if (tokens.length === 0) continue;
    rows.push(tokens);
    lineNumbers.push(index + 1);
  }
  const values = new Float64Array(rows.length * VALUES_PER_FRAME);
  for (const [frame, tokens] of rows.entries()) {
    const line = lineNumbers[frame]!;
    if (tokens.length !== VALUES_PER_FRAME) {
      const position = `line ${line} (frame ${frame})`;
      return left(
        dataFileError('pku-skeleton', file, position, `${VALUES_PER_FRAME} numbers`, `${tokens.length}`),
      );
    }
    for (const [index, token] of tokens.entries()) {
      const value = parseDecimal(token);
      if (value === undefined) {
        const position = `line ${line}, token ${index + 1} (frame ${frame}, ${describeColumn(index)})`;
        return left(dataFileError('pku-skeleton', file, position, 'a finite number', quoteToken(token)));
      }
      values[frame * VALUES_PER_FRAME + index] = value;
    }
  }
  return right({ file, frameCount: rows.length, values });
}

function describeColumn(index: number): string {
  const body = Math.floor(index / (PKU_JOINTS * 3));
  const joint = Math.floor(index / 3) % PKU_JOINTS;
  return `body ${body}, joint ${joint}, ${'xyz'[index % 3]}`;
}
