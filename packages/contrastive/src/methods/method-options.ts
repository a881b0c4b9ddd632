/**
 * A method's options described as data: each option's default, what a valid value is and what it
 * does. The config parser reports issues with their paths from it, the CLI prints it as help, and
 * composed methods (`withHallucinatedPositives`) join the schemas of their parts.
 */

/** One option: its default, a check, the check in words and what the option does. */
export interface OptionSpec<T> {
  readonly default: T;
  /** What a valid value is, in words (`a positive integer`): the `expected` of an issue. */
  readonly expected: string;
  readonly isValid: (value: unknown) => boolean;
  /** What the option does (the reference's flag in brackets). */
  readonly description: string;
}

/** Every option of a method, by name. */
export type OptionsSchema<Options> = { readonly [Name in keyof Options]: OptionSpec<Options[Name]> };

/** One thing wrong with a method's options: the option, what was expected, what was found. */
export interface OptionIssue {
  /** The option's name (the path under `methodOptions`). */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

/**
 * Checks between options, run once every option is valid on its own (e.g. λ's range depends on the
 * sampling rule).
 */
export type OptionRelations<Options> = (options: Options) => OptionIssue[];

/** Each option's name and spec, in the schema's order. */
export function optionEntries<Options>(schema: OptionsSchema<Options>): [string, OptionSpec<unknown>][] {
  return Object.entries<OptionSpec<unknown>>(schema as Readonly<Record<string, OptionSpec<unknown>>>);
}

/** The options with every default filled in. */
export function optionDefaults<Options>(schema: OptionsSchema<Options>): Options {
  return Object.fromEntries(optionEntries(schema).map(([name, spec]) => [name, spec.default])) as Options;
}

/** Unknown options and invalid values of `input` (options it leaves out take their defaults). */
export function optionIssues<Options>(
  schema: OptionsSchema<Options>,
  input: Readonly<Record<string, unknown>>,
  relations?: OptionRelations<Options>,
): OptionIssue[] {
  const specs = Object.fromEntries(optionEntries(schema));
  const issues: OptionIssue[] = [];
  for (const [name, value] of Object.entries(input)) {
    const spec = specs[name];
    if (spec === undefined) {
      const known = Object.keys(specs);
      issues.push({
        path: name,
        expected: known.length === 0 ? 'no options' : `a known option (one of ${known.join(', ')})`,
        found: 'an unknown option',
      });
    } else if (!spec.isValid(value)) {
      issues.push({ path: name, expected: spec.expected, found: describeOption(value) });
    }
  }
  if (issues.length === 0 && relations !== undefined) {
    issues.push(...relations({ ...optionDefaults(schema), ...input } as Options));
  }
  return issues;
}

/**
 * The options with their defaults, checked.
 *
 * @throws RangeError `<method> option <name>: expected <what>, found <value>` for the first issue.
 */
export function resolveOptions<Options>(
  method: string,
  schema: OptionsSchema<Options>,
  input: Readonly<Record<string, unknown>>,
  relations?: OptionRelations<Options>,
): Options {
  const [issue] = optionIssues(schema, input, relations);
  if (issue !== undefined) {
    throw new RangeError(`${method} option ${issue.path}: expected ${issue.expected}, found ${issue.found}`);
  }
  return { ...optionDefaults(schema), ...input } as Options;
}

/** How an option's value is quoted in issues. */
export function describeOption(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** An integer option ≥ `minimum` (1: `a positive integer`, 0: `a non-negative integer`). */
export function integerOption(defaultValue: number, minimum: 0 | 1, description: string): OptionSpec<number> {
  return {
    default: defaultValue,
    expected: minimum === 1 ? 'a positive integer' : 'a non-negative integer',
    isValid: (value) => isFiniteNumber(value) && Number.isInteger(value) && value >= minimum,
    description,
  };
}

/** A finite number option, > 0 (`positive`) or ≥ 0 (`non-negative`). */
export function numberOption(
  defaultValue: number,
  sign: 'positive' | 'non-negative',
  description: string,
): OptionSpec<number> {
  return {
    default: defaultValue,
    expected: `a ${sign} number`,
    isValid: (value) => isFiniteNumber(value) && (sign === 'positive' ? value > 0 : value >= 0),
    description,
  };
}

/** One of a few strings. */
export function choiceOption<T extends string>(
  defaultValue: T,
  choices: readonly T[],
  description: string,
): OptionSpec<T> {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  return {
    default: defaultValue,
    expected: quoted.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `one of ${quoted.join(', ')}`,
    isValid: (value) => choices.includes(value as T),
    description,
  };
}

/**
 * Different names of `allowed` joined by `+` (`sequence+graph`): exactly two (`'two'`) or at least
 * two (`'at least two'`).
 */
export function joinedNamesOption(
  defaultValue: string,
  allowed: readonly string[],
  count: 'two' | 'at least two',
  what: string,
  description: string,
): OptionSpec<string> {
  return {
    default: defaultValue,
    expected: `${count} different ${what} of ${allowed.join(', ')} joined by "+"`,
    isValid: (value) => {
      const parts = typeof value === 'string' ? value.split('+') : [];
      return (
        (count === 'two' ? parts.length === 2 : parts.length >= 2) &&
        new Set(parts).size === parts.length &&
        parts.every((part) => allowed.includes(part))
      );
    },
    description,
  };
}
