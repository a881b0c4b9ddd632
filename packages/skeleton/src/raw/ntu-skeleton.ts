import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { type DataFileError, DataFileException, dataFileError } from '../io/errors.js';
import { parseCount, parseDecimal, quoteToken, textLines, whitespaceTokens } from './number-tokens.js';
import type { RawBody, RawFrame, RawSequence } from './raw-sequence.js';

/** Numbers on a body line: bodyID clippedEdges handLeft… isRestricted leanX leanY trackingState. */
const BODY_FIELDS = 10;
/** Numbers on a joint line: x y z depthX depthY colorX colorY orientationWXYZ trackingState. */
const JOINT_FIELDS = 12;
const AXES = ['x', 'y', 'z'] as const;

/** Where the parser is inside the nested frame / body / joint structure, for error messages. */
interface Place {
  readonly frame?: number;
  readonly body?: number;
  readonly joint?: number;
}

function describePlace(place: Place, field?: string): string {
  const parts = [
    place.frame === undefined ? undefined : `frame ${place.frame}`,
    place.body === undefined ? undefined : `body ${place.body}`,
    place.joint === undefined ? undefined : `joint ${place.joint}`,
    field,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Reads the file line by line; every failure throws a {@link DataFileException} with its position. */
class LineCursor {
  private readonly lines: string[];
  private index = 0;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lines = textLines(text);
  }

  fail(lineNumber: number, place: Place, expected: string, found: string, field?: string): never {
    const position = `line ${lineNumber}${describePlace(place, field)}`;
    throw new DataFileException(dataFileError('ntu-skeleton', this.file, position, expected, found));
  }

  /** Tokens of the next line and its 1-based number. */
  next(place: Place, expected: string): { tokens: string[]; lineNumber: number } {
    if (this.isBlankTail()) this.fail(this.endLine(), place, expected, 'end of file');
    const lineNumber = this.index + 1;
    return { tokens: whitespaceTokens(this.lines[this.index++]!), lineNumber };
  }

  /** The next line as a count (one non-negative integer) and its 1-based number. */
  count(place: Place, what: string): { value: number; lineNumber: number } {
    const expected = `${what} (one non-negative integer)`;
    const { tokens, lineNumber } = this.next(place, expected);
    const value = tokens.length === 1 ? parseCount(tokens[0]!) : undefined;
    if (value === undefined) this.fail(lineNumber, place, expected, foundTokens(tokens));
    return { value, lineNumber };
  }

  /** The line after the last non-blank one: where missing content would have been. */
  private endLine(): number {
    let last = this.lines.length - 1;
    while (last >= 0 && this.lines[last]!.trim() === '') last--;
    return last + 2;
  }

  /** Whether only blank lines remain: trailing newlines are tolerated, nothing else is. */
  isBlankTail(): boolean {
    for (let i = this.index; i < this.lines.length; i++) if (this.lines[i]!.trim() !== '') return false;
    return true;
  }
}

function foundTokens(tokens: readonly string[]): string {
  if (tokens.length === 0) return 'an empty line';
  return tokens.length === 1 ? quoteToken(tokens[0]!) : `${tokens.length} tokens`;
}

function readBody(cursor: LineCursor, place: Place, jointCount: number): RawBody {
  const header = cursor.next(place, 'a body line');
  if (header.tokens.length !== BODY_FIELDS) {
    cursor.fail(
      header.lineNumber,
      place,
      `${BODY_FIELDS} numbers on the body line`,
      `${header.tokens.length}`,
    );
  }
  for (const [index, token] of header.tokens.entries()) {
    if (parseDecimal(token) === undefined) {
      cursor.fail(header.lineNumber, place, 'a finite number', quoteToken(token), `token ${index + 1}`);
    }
  }
  const declaredJoints = cursor.count(place, 'the joint count');
  if (declaredJoints.value !== jointCount) {
    cursor.fail(declaredJoints.lineNumber, place, `${jointCount} joints`, `${declaredJoints.value}`);
  }
  const joints = new Float64Array(jointCount * 3);
  for (let joint = 0; joint < jointCount; joint++) {
    const jointPlace = { ...place, joint };
    const { tokens, lineNumber } = cursor.next(jointPlace, 'a joint line');
    if (tokens.length !== JOINT_FIELDS) {
      cursor.fail(lineNumber, jointPlace, `${JOINT_FIELDS} numbers on the joint line`, `${tokens.length}`);
    }
    for (let index = 0; index < JOINT_FIELDS; index++) {
      const value = parseDecimal(tokens[index]!);
      if (value === undefined) {
        const field = index < 3 ? AXES[index] : `token ${index + 1}`;
        cursor.fail(lineNumber, jointPlace, 'a finite number', quoteToken(tokens[index]!), field);
      }
      if (index < 3) joints[joint * 3 + index] = value;
    }
  }
  return { bodyId: header.tokens[0]!, joints };
}

/**
 * Parses an NTU RGB+D `.skeleton` text file: the frame count, then per frame the body count and per
 * body a 10-number body line (ID first), the joint count and one 12-number line per joint (x y z
 * first). Keeps every frame, every body, x/y/z of every joint. Strict where the reference is lax: a count that is not an integer,
 * a line with the wrong number of fields, a token that is not a finite number (`nan` included),
 * a joint count other than `jointCount`, a file ending early or text after the last frame is a
 * {@link DataFileError} naming the line, frame, body and joint (all 0-based except the line).
 */
export function parseNtuSkeleton(
  text: string,
  file: string,
  jointCount = 25,
): Either<DataFileError, RawSequence> {
  const cursor = new LineCursor(text, file);
  try {
    const frameCount = cursor.count({}, 'the frame count').value;
    const frames: RawFrame[] = [];
    for (let frame = 0; frame < frameCount; frame++) {
      const bodyCount = cursor.count({ frame }, 'the body count').value;
      const bodies: RawBody[] = [];
      for (let body = 0; body < bodyCount; body++) bodies.push(readBody(cursor, { frame, body }, jointCount));
      frames.push({ bodies });
    }
    if (!cursor.isBlankTail()) {
      const { lineNumber, tokens } = cursor.next({}, 'end of file');
      cursor.fail(lineNumber, {}, `end of file after ${frameCount} frames`, foundTokens(tokens));
    }
    return right({ file, jointCount, frames });
  } catch (error) {
    if (error instanceof DataFileException) return left(error.error);
    throw error;
  }
}
