import type { OptionKinds, ParsedArguments } from './arguments.js';

/** Where a command writes: results to `out`, progress and diagnostics to `err`. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** True when `err` is a terminal (progress bars redraw in place only then). */
  readonly interactive: boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `halp --help`. */
  readonly summary: string;
  /** Full help text for `halp <command> --help`. */
  readonly help: string;
  /** Every option it takes (besides --help and --verbose); anything else is refused. */
  readonly options: OptionKinds;
  /** How many positional words it takes (default none); more are refused. */
  readonly positionals?: number;
  run(args: ParsedArguments, output: CliOutput): Promise<void>;
}
