import { flagOption, type ParsedArguments, parseArguments } from './arguments.js';
import { CliError } from './cli-error.js';
import type { CliOutput, Command } from './command.js';

/**
 * Runs the `halp` command line and returns the exit code. Errors become one line on stderr
 * (`halp <command>: <message>`), with the stack trace only under `--verbose`.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  output: CliOutput,
): Promise<number> {
  // The command is the first word that is not an option (only the global flags may precede it).
  const nameIndex = argv.findIndex((word) => !word.startsWith('-'));
  const name = nameIndex < 0 ? undefined : argv[nameIndex];
  if (name === undefined || name === 'help') {
    const asked = name === 'help' || argv.includes('--help');
    output.out(overview(commands));
    return asked ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    output.err(`halp: unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  let args: ParsedArguments;
  try {
    args = parseArguments(
      [...argv.slice(0, nameIndex), ...argv.slice(nameIndex + 1)],
      command.options,
      `halp ${command.name}`,
    );
    const extra = args.positionals[command.positionals ?? 0];
    if (extra !== undefined) {
      throw new CliError(`unexpected argument "${extra}" (options are written --name value)`, 2);
    }
  } catch (error) {
    output.err(`halp ${command.name}: ${(error as Error).message}\n`);
    return error instanceof CliError ? error.exitCode : 2;
  }
  if (flagOption(args, 'help')) {
    output.out(`${command.help}\n`);
    return 0;
  }
  try {
    await command.run(args, output);
    return 0;
  } catch (error) {
    const verbose = flagOption(args, 'verbose');
    const message = error instanceof Error ? error.message : String(error);
    output.err(`halp ${command.name}: ${message}${outOfMemoryHint(message)}\n`);
    if (verbose && error instanceof Error && error.stack !== undefined) output.err(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/**
 * The WASM backend reports running out of its 4 GB heap as a bare trap ("memory access out of
 * bounds", "Aborted()", "Out of memory"): say what it means and what to change.
 */
function outOfMemoryHint(message: string): string {
  return /memory access out of bounds|Aborted\(|out of memory|Array buffer allocation failed/i.test(message)
    ? ' (the tfjs backend ran out of memory: the WASM backend has at most 4 GB; use a smaller encoder ' +
        '(--encoder.hiddenSize, --encoder.numLayers), fewer frames or a smaller --batchSize, or a GPU backend; see halp info)'
    : '';
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `halp — self-supervised skeleton action recognition (HaLP, ISC)

Usage: halp <command> [options]    (halp <command> --help for details; --verbose for stack traces)

Commands:
${lines.join('\n')}
`;
}
