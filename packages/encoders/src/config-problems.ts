/** One thing wrong with a config: the field, what was expected and what was found. */
export interface ConfigProblem {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

/** Throws a RangeError naming every problem of a config built in code (`kind` names the encoder). */
export function assertNoConfigProblems(kind: string, problems: readonly ConfigProblem[]): void {
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
    throw new RangeError(`Invalid ${kind} encoder config: ${lines.join('; ')}`);
  }
}

/** How a value read from outside is quoted in error messages. */
export function describeValue(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}
