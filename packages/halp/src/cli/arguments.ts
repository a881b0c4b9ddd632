import { CliError } from './cli-error.js';

/** Parsed command line: positional words and `--key value` / `--flag` options (last one wins). */
export interface ParsedArguments {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/**
 * Splits arguments into positionals and options. `--key=value` and `--key value` both work; a
 * `--key` followed by another option or nothing is a boolean flag; `--` ends the options.
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const body = word.slice(2);
    if (body === '') throw new CliError(`empty option name in "${word}"`);
    const equals = body.indexOf('=');
    if (equals >= 0) {
      options.set(body.slice(0, equals), body.slice(equals + 1));
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      options.set(body, argv[i + 1]!);
      i += 1;
    } else {
      options.set(body, true);
    }
  }
  return { positionals, options };
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

/** Whether a boolean flag is present (`--flag`, `--flag=true`). */
export function flagOption(args: ParsedArguments, name: string): boolean {
  const value = args.options.get(name);
  return value === true || value === 'true';
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
