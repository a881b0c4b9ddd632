/**
 * An error meant for the person at the terminal: the CLI prints its message as one line (no stack
 * trace unless `--verbose`) and exits with `exitCode`.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
