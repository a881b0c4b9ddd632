#!/usr/bin/env node
import { commands } from './cli/commands/index.js';
import { runCli } from './cli/main.js';

const exitCode = await runCli(process.argv.slice(2), commands, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
});
process.exitCode = exitCode;
