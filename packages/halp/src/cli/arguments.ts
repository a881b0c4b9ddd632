import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';

/** Parsed command line: positional words and `--key value` / `--flag` options (last one wins). */
export interface ParsedArguments {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/** The options a command takes: a string value (`--key value`, `--key=value`) or a bare flag. */
export type OptionKinds = Readonly<Record<string, 'string' | 'boolean'>>;

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionKinds = { help: 'boolean', verbose: 'boolean' };

/**
 * Parses a command's arguments with `node:util`'s `parseArgs`, strictly: an option the command does
 * not declare is an error naming the nearest valid one and listing them all, and so is a stray
 * positional word (a typo must never run something else). A negative number may follow a string
 * option (`--seed -1`); `--` ends the options.
 */
export function parseArguments(
  argv: readonly string[],
  kinds: OptionKinds,
  context = 'halp',
): ParsedArguments {
  const declared = { ...GLOBAL_OPTIONS, ...kinds };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    if (word.startsWith('-') && word !== '-') {
      const name = word.replace(/^--?/, '').split('=')[0]!;
      if (!Object.hasOwn(declared, name) || !word.startsWith('--'))
        throw unknownOption(word, declared, context);
      const next = argv[i + 1];
      if (declared[name] === 'string' && !word.includes('=') && next !== undefined && /^-\.?\d/.test(next)) {
        words.push(`${word}=${next}`);
        i += 1;
        continue;
      }
    }
    words.push(word);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: words,
      options: Object.fromEntries(
        Object.entries(declared).map(([name, type]) => [name, { type, multiple: true }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]}`, 2);
  }
  const options = new Map<string, string | true>();
  for (const [name, values] of Object.entries(parsed.values)) {
    const last = (values as (string | boolean)[]).at(-1);
    if (last !== undefined && last !== false) options.set(name, last);
  }
  return { positionals: parsed.positionals, options };
}

function unknownOption(word: string, declared: OptionKinds, context: string): CliError {
  const name = word.replace(/^--?/, '').split('=')[0]!;
  const valid = Object.keys(declared).sort();
  const nearest = valid
    .map((candidate) => ({ candidate, distance: typoDistance(name, candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint =
    nearest !== undefined && nearest.distance <= Math.max(2, name.length / 3)
      ? ` (did you mean --${nearest.candidate}?)`
      : '';
  return new CliError(
    `unknown option ${word.split('=')[0]}${hint}; ${context} takes ${valid.map((v) => `--${v}`).join(', ')}`,
    2,
  );
}

/**
 * How far a typed option is from a valid one: the edit distance of their last dotted parts when the
 * parts before agree (infinite otherwise), and 1 for an abbreviation (`lr` of `learningRate`).
 */
function typoDistance(typed: string, candidate: string): number {
  const split = (name: string) => [
    name.slice(0, name.lastIndexOf('.') + 1),
    name.slice(name.lastIndexOf('.') + 1),
  ];
  const [typedParent, typedLast] = split(typed) as [string, string];
  const [parent, last] = split(candidate) as [string, string];
  if (typedParent.toLowerCase() !== parent.toLowerCase()) return Number.POSITIVE_INFINITY;
  const distance = editDistance(typedLast.toLowerCase(), last.toLowerCase());
  return isAbbreviation(typedLast.toLowerCase(), last.toLowerCase()) ? Math.min(1, distance) : distance;
}

/** Whether `short` is `long`'s first letter followed by some of its letters in order. */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 2 || short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of long) if (letter === short[at]) at += 1;
  return at >= short.length;
}

/** Levenshtein distance, for suggesting the option a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Reads an option as a string, or the fallback; a bare flag where a value is needed is an error. */
export function stringOption(args: ParsedArguments, name: string, fallback: string): string;
export function stringOption(args: ParsedArguments, name: string): string | undefined;
export function stringOption(args: ParsedArguments, name: string, fallback?: string): string | undefined {
  const value = args.options.get(name);
  if (value === true) throw new CliError(`--${name} needs a value`);
  return value ?? fallback;
}

/** Reads an integer option within bounds. */
export function integerOption(args: ParsedArguments, name: string, fallback: number, minimum = 0): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new CliError(`--${name}: expected an integer ≥ ${minimum}, got "${text}"`);
  }
  return value;
}

/** Whether a boolean flag is present (`--flag`). */
export function flagOption(args: ParsedArguments, name: string): boolean {
  return args.options.get(name) === true;
}

/**
 * Turns `--a.b.c value` options into a nested object for configuration overrides; values are
 * parsed as JSON when they can be (numbers, booleans, arrays, null) and kept as strings otherwise.
 */
export function optionsAsObject(
  options: ReadonlyMap<string, string | true>,
  keys: Iterable<string>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = options.get(key);
    if (raw === undefined) continue;
    const value = raw === true ? true : parseValue(raw);
    const path = key.split('.');
    let target = result;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== 'object' || next === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  return result;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
