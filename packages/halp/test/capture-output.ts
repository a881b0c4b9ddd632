import type { CliOutput } from '../src/cli/command.js';

/** A CLI output that keeps what a command wrote, for assertions. */
export function captureOutput(): CliOutput & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    interactive: false,
    out(text: string) {
      output.stdout += text;
    },
    err(text: string) {
      output.stderr += text;
    },
  };
  return output;
}
